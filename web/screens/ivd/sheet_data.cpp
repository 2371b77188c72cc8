#include "web/screens/ivd/sheet_data.hpp"

#include <memory>

#include "web/app.hpp"
#include "web/screens/ivd/sheet_screen.hpp"

namespace ivd::web {

namespace {

constexpr int kPageSize = 500;  // the API's largest page

struct Loading {
  SheetData data;
  std::vector<std::vector<SheetLineOnWire>> pages;
  int outstanding = 0;
  bool failed = false;
  std::function<void(SheetData*, const Message&)> on_done;
};

void finish(Loading& l) {
  Sheet& s = l.data.sheet;
  s.threshold_percent = l.data.header.threshold_percent;
  for (auto& page : l.pages)
    for (auto& w : page) {
      SheetLine line;
      line.serial = w.row.serial;
      line.certificate = w.row.certificate;
      line.last_year_text = std::move(w.last_year);
      line.demand_text = std::move(w.demand);
      line.instrument = parse_instrument(w.instrument).value_or(Instrument::none);
      line.change_note = std::move(w.change_note);
      s.lines.push_back(std::move(line));
      l.data.rows.push_back(std::move(w.row));
    }
  l.on_done(&l.data, Message{});
}

std::vector<SheetLineOnWire> lines_of(const ApiReply& r) {
  std::vector<SheetLineOnWire> out;
  if (r.body.is_object() && r.body.contains("items") && r.body["items"].is_array())
    for (const auto& j : r.body["items"]) out.push_back(j.get<SheetLineOnWire>());
  return out;
}

std::string id_text(const nlohmann::json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_number_integer()) return std::to_string(j[key].get<int64_t>());
  return {};
}

}  // namespace

std::string sheet_path(const SheetTarget& t) {
  std::string p = "/ivd/projects/" + std::to_string(t.project_id);
  if (t.hospital_id != 0) p += "/hospitals/" + std::to_string(t.hospital_id);
  return p + "/sheet";
}

void load_sheet_data(App& app, const SheetTarget& target, std::function<void(SheetData*, const Message&)> on_done) {
  auto l = std::make_shared<Loading>();
  l->on_done = std::move(on_done);
  const std::string base = sheet_path(target);
  auto fail = [l, &app](const ApiReply& r) {
    if (l->failed) return;
    l->failed = true;
    l->on_done(nullptr, app.message_of(r));
  };
  app.request("GET", base, nullptr, [l, &app, base, fail](const ApiReply& r) {
    if (!r.ok()) return fail(r);
    try {
      l->data.header = r.body.get<SheetHeaderOnWire>();
    } catch (const std::exception&) {
      return fail(ApiReply{500, {}});
    }
    Sheet& s = l->data.sheet;
    if (r.body.contains("instrument_docs") && r.body["instrument_docs"].is_array())
      for (const auto& d : r.body["instrument_docs"])
        if (d.contains("certificate") && d["certificate"].is_string())
          s.instrument_docs[d["certificate"].get<std::string>()] = id_text(d, "file_id");
    s.submission.contact_name = l->data.header.header.contact_name;
    s.submission.contact_phone = l->data.header.header.contact_phone;
    s.submission.commitment_letter = id_text(r.body, "commitment_letter");
    s.submission.demand_attachment = id_text(r.body, "demand_attachment");
    // Page 1 tells the total; the other pages go out together.
    auto page_path = [base](int page) {
      return base + "/lines?page=" + std::to_string(page) + "&page_size=" + std::to_string(kPageSize);
    };
    app.request("GET", page_path(1), nullptr, [l, &app, page_path, fail](const ApiReply& r1) {
      if (!r1.ok()) return fail(r1);
      const int64_t total = r1.body.value("total", int64_t{0});
      const int pages = static_cast<int>((total + kPageSize - 1) / kPageSize);
      l->pages.resize(std::max(1, pages));
      l->pages[0] = lines_of(r1);
      l->outstanding = pages - 1;
      if (l->outstanding <= 0) return finish(*l);
      for (int p = 2; p <= pages; ++p)
        app.request("GET", page_path(p), nullptr, [l, p, fail](const ApiReply& rp) {
          if (l->failed) return;
          if (!rp.ok()) return fail(rp);
          l->pages[static_cast<size_t>(p - 1)] = lines_of(rp);
          if (--l->outstanding == 0) finish(*l);
        });
    });
  });
}

}  // namespace ivd::web
