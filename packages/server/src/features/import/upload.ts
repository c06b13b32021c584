import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import type { ColumnMapping } from './columns.js';
import { ColumnMappingSchema } from '@gongyi/domain';
import type { Upload } from './import.service.js';
import { IMPORT_LIMITS, refuse } from './refusals.js';

// The multipart body of an import request: `file` (one .xlsx or .csv) and an optional `mapping`
// JSON field. Limits are set where the plugin is registered (http/app.ts).

const notMultipart = () =>
  new AppError('unsupported_media_type', { zh: '请以文件上传的方式（multipart/form-data）提交导入文件。', en: 'Upload the file as multipart/form-data.' }, 'file');
const oneFile = () => new AppError('bad_request', { zh: '一次只能导入一个文件。请只选择一个文件。', en: 'Import one file at a time.' }, 'file');

function parseMapping(text: string): ColumnMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw refuse.badMapping('列对应关系不是有效的 JSON。请刷新页面后重新设置。', 'The mapping field is not valid JSON.');
  }
  const parsed = ColumnMappingSchema.safeParse(json);
  if (!parsed.success) throw refuse.badMapping('列对应关系格式不对：应为 {列号: 字段名或 null}。请刷新页面后重新设置。', 'The mapping must be {column number: field or null}.');
  return parsed.data;
}

/** The name without a client's folder path (old browsers send C:\\…\\花名册.xlsx), at most 200 characters. */
const baseName = (name: string) => (name.split(/[\\/]/).pop() || 'upload').slice(-200);

/** Turns the plugin's limit errors into the import's own messages. */
function limitError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return refuse.tooLarge(IMPORT_LIMITS);
  if (code === 'FST_FILES_LIMIT') return oneFile();
  return err;
}

export async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw notMultipart();
  let file: { fileName: string; data: Buffer } | undefined;
  let mapping: ColumnMapping = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.fieldname === 'file') file = { fileName: baseName(part.filename), data };
      } else if (part.fieldname === 'mapping' && typeof part.value === 'string' && part.value.trim()) {
        mapping = parseMapping(part.value);
      }
    }
  } catch (err) {
    throw limitError(err);
  }
  if (!file) throw refuse.noFile();
  return { ...file, mapping };
}
