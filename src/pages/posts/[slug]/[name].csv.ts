import type { APIRoute, GetStaticPaths } from 'astro';
import { dataFileResponse, dataFileRoutes, type DataFileRoute } from '../../../collection/data-files.ts';

/** `/posts/<slug>/<name>.csv`: a data table's CSV file, beside the essay whose table reads it, for its download link. */
export const getStaticPaths = (() => dataFileRoutes('csv')) satisfies GetStaticPaths;

export const GET: APIRoute<DataFileRoute['props']> = ({ props }) => dataFileResponse(props);
