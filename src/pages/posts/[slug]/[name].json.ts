import type { APIRoute, GetStaticPaths } from 'astro';
import { dataFileResponse, dataFileRoutes, type DataFileRoute } from '../../../collection/data-files.ts';

/** `/posts/<slug>/<name>.json`: a data table's JSON file, beside the essay whose table reads it, for its download link. */
export const getStaticPaths = (() => dataFileRoutes('json')) satisfies GetStaticPaths;

export const GET: APIRoute<DataFileRoute['props']> = ({ props }) => dataFileResponse(props);
