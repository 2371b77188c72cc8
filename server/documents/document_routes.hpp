#pragma once
// Small documents that download at once (issue 11: "Small documents, like one hospital's PDF, download
// at once"), as API routes answering the file like GET /ivd/files/{fid}/content does:
//   {name, content_type, content_base64}
//   GET /ivd/projects/{pid}/sheet/certificates/pdf                 填报数据导出 of the caller's own sheet (ivd.fill)
//   GET /ivd/projects/{pid}/hospitals/{hid}/sheet/certificates/pdf the same for a sheet's reviewers
//   GET /ivd/projects/{pid}/provinces/{prov}/certificates/pdf      汇总数据导出 of a province
//   GET /ivd/projects/{pid}/commitment-template                    承诺书模板 (PDF, the hospital's names filled in)
// Scope and refusals are those of the data routes (core/ivd/ivd_documents.hpp): a sheet or province the
// caller may not read answers exactly like one that does not exist. Large exports go through the job
// runner instead (producers.hpp).
#include "core/api/dispatcher.hpp"

namespace ivd::documents {

void register_document_routes(Api& api);

}  // namespace ivd::documents
