#include "server/exports/export_producers.hpp"

#include <string_view>

#include "core/exports/export_kinds.hpp"
#include "server/documents/producers.hpp"

namespace ivd {

namespace {

// A document producer (server/documents/producers.hpp) as an export job's producer: the start rules are
// checked again (menus may have been revoked since the job was started), the supply kinds' flat query
// becomes the document's `query`, the file is written straight to the job's temporary name, and the
// progress fraction becomes a percentage.
Producer job_producer(std::string kind, documents::Producer produce) {
  return [kind = std::move(kind), produce = std::move(produce)](Db& db, Services& svc, const Actor& actor,
                                                                 const nlohmann::json& params,
                                                                 ExportProgress& progress) -> Result<Document> {
    IVD_TRY(check_export_start(actor, kind, params));
    nlohmann::json doc_params = kind.rfind("supply.", 0) == 0 ? nlohmann::json{{"query", params}} : params;
    if (!progress.temp_file.empty()) doc_params["out_path"] = progress.temp_file.string();
    documents::Progress doc_progress{[&progress](double f) { progress.set(static_cast<int>(f * 100)); }};
    IVD_ASSIGN_OR_RETURN(auto made, produce(db, svc, actor, doc_params, doc_progress));
    Document doc;
    doc.file_name = std::move(made.filename);
    doc.content_type = std::move(made.content_type);
    doc.written_to_temp = !made.file.empty();
    if (!doc.written_to_temp) doc.bytes = std::move(made.bytes);
    return doc;
  };
}

}  // namespace

void register_builtin_producers(ProducerRegistry& registry) {
  for (const auto& entry : documents::all_producers())
    if (find_export_kind(entry.kind)) registry.add(std::string(entry.kind), job_producer(std::string(entry.kind), entry.produce));
}

}  // namespace ivd
