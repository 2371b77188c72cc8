// Helpers of the browser benchmarks: the demo project's catalog grown to a size through the API.
import { api } from '../browser/lib.mjs';

// The project's catalog grown to `lines` rows by the super admin's catalog import (idempotent by 流水号,
// new rows added); returns the catalog size after it.
export async function growCatalog(server, adminToken, project, lines) {
  const have = (await api(server, adminToken, 'GET', `/ivd/projects/${project}`)).body.catalog_size;
  const rows = ['流水号,大项,小项,产品名称,规格/包装,注册证,生产企业'];
  for (let i = 0; i < lines - have; ++i)
    rows.push(`B${String(i).padStart(5, '0')},临床化学,基准,基准测定试剂盒${i},1×${i % 90 + 10}ml,国械注准2026${String(Math.floor(i / 3)).padStart(6, '0')},基准生物科技有限公司`);
  const r = await api(server, adminToken, 'POST', `/ivd/projects/${project}/catalog/import`, { csv: rows.join('\n') });
  if (r.status !== 200) throw new Error(`catalog import: ${r.status} ${JSON.stringify(r.body)}`);
  return (await api(server, adminToken, 'GET', `/ivd/projects/${project}`)).body.catalog_size;
}
