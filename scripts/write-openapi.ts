import { generateOpenApi, OPENAPI_FILE, writeOpenApi } from '../src/openapi.ts';

writeOpenApi(await generateOpenApi());
process.stdout.write(`Wrote ${OPENAPI_FILE}\n`);
