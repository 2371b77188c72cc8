// The hospital sheet's JSON form: typed values in, clear errors for wrong types, nothing thrown.
#include <catch_amalgamated.hpp>

#include "core/ivd/sheet/sheet_model.hpp"

using namespace ivd;
using nlohmann::json;

TEST_CASE("a sheet reads from JSON with numbers or texts as quantities", "[sheet][json]") {
  auto s = sheet_from_json(json::parse(R"({
    "threshold_percent": 30,
    "lines": [
      {"serial": "S1", "certificate": "国械注准20163400513", "last_year": "１，２３４", "demand": 1500,
       "instrument": "是", "change_note": "增加"},
      {"serial": 10002, "certificate": "C2", "last_year": null, "demand": 12.5, "instrument": "否"},
      {"serial": "S3", "instrument": ""},
      {"serial": "S4", "instrument": "yes"},
      {"serial": "S5", "instrument": null, "last_year": -1}
    ],
    "instrument_docs": {"C2": "upload:abc", "C9": null},
    "contact_name": "张三", "contact_phone": "0551-12345678",
    "commitment_letter": "upload:c", "demand_attachment": "upload:d", "unknown_key": [1]
  })"));
  REQUIRE(s.ok());
  REQUIRE(s->threshold_percent == 30);
  REQUIRE(s->lines.size() == 5);
  REQUIRE(s->lines[0].last_year_text == "１，２３４");
  REQUIRE(s->lines[0].demand_text == "1500");
  REQUIRE(s->lines[0].instrument == Instrument::yes);
  REQUIRE(s->lines[0].change_note == "增加");
  REQUIRE(s->lines[1].serial == "10002");
  REQUIRE(s->lines[1].last_year_text.empty());
  REQUIRE(s->lines[1].demand_text == "12.5");  // kept as text; R-QTY-FORMAT refuses it at the cell
  REQUIRE(s->lines[1].instrument == Instrument::no);
  REQUIRE(s->lines[2].instrument == Instrument::none);
  REQUIRE(s->lines[2].certificate.empty());
  REQUIRE(s->lines[3].instrument == Instrument::yes);
  REQUIRE(s->lines[4].last_year_text == "-1");
  REQUIRE(s->instrument_docs.size() == 1);
  REQUIRE(s->instrument_docs.at("C2") == "upload:abc");
  REQUIRE(s->submission.contact_phone == "0551-12345678");
  REQUIRE(s->submission.demand_attachment == "upload:d");
}

TEST_CASE("a sheet survives a round trip through JSON", "[sheet][json]") {
  Sheet s;
  s.threshold_percent = 12.5;
  s.lines = {{"S1", "C1", " 1,234 ", "abc", Instrument::no, "说明"}, {"S2", "", "", "", Instrument::none, ""}};
  s.instrument_docs["C1"] = "upload:1";
  s.submission = {"李四", "13812345678", "c", "d"};
  auto back = sheet_from_json_text(sheet_to_json(s).dump());
  REQUIRE(back.ok());
  REQUIRE(*back == s);
}

TEST_CASE("wrong JSON types are refused with the path of the value", "[sheet][json]") {
  struct Case {
    const char* text;
    const char* code;
    const char* field;
  };
  const Case cases[] = {
      {R"([1])", "sheet.json.not_object", "sheet"},
      {R"({})", "request.missing_field", "lines"},
      {R"({"lines": {}})", "sheet.json.not_array", "lines"},
      {R"({"lines": [1]})", "sheet.json.not_object", "lines[0]"},
      {R"({"lines": [{"certificate": "C"}]})", "request.missing_field", "lines[0].serial"},
      {R"({"lines": [{"serial": " "}]})", "request.missing_field", "lines[0].serial"},
      {R"({"lines": [{"serial": true}]})", "sheet.json.not_text", "lines[0].serial"},
      {R"({"lines": [{"serial": "S"}, {"serial": "S"}]})", "sheet.json.duplicate_serial", "lines[1].serial"},
      {R"({"lines": [{"serial": "S", "last_year": true}]})", "sheet.json.not_quantity", "lines[0].last_year"},
      {R"({"lines": [{"serial": "S", "demand": [1]}]})", "sheet.json.not_quantity", "lines[0].demand"},
      {R"({"lines": [{"serial": "S", "demand": {"v": 1}}]})", "sheet.json.not_quantity", "lines[0].demand"},
      {R"({"lines": [{"serial": "S", "instrument": "maybe"}]})", "sheet.json.bad_instrument", "lines[0].instrument"},
      {R"({"lines": [{"serial": "S", "instrument": 1}]})", "sheet.json.not_text", "lines[0].instrument"},
      {R"({"lines": [{"serial": "S", "certificate": 5}]})", "sheet.json.not_text", "lines[0].certificate"},
      {R"({"lines": [{"serial": "S", "change_note": false}]})", "sheet.json.not_text", "lines[0].change_note"},
      {R"({"lines": [], "instrument_docs": []})", "sheet.json.not_object", "instrument_docs"},
      {R"({"lines": [], "instrument_docs": {"C": 1}})", "sheet.json.not_text", "instrument_docs.C"},
      {R"({"lines": [], "contact_phone": 13812345678})", "sheet.json.not_text", "contact_phone"},
      {R"({"lines": [], "threshold_percent": "30"})", "sheet.json.bad_threshold", "threshold_percent"},
      {R"({"lines": [], "threshold_percent": -1})", "sheet.json.bad_threshold", "threshold_percent"},
      {R"({"lines": [], "threshold_percent": 1e9})", "sheet.json.bad_threshold", "threshold_percent"},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    auto r = sheet_from_json_text(c.text);
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.error().kind == ErrorKind::bad_request);
    REQUIRE(r.error().code == c.code);
    REQUIRE(r.error().field == c.field);
    REQUIRE_FALSE(r.error().message_zh.empty());
    REQUIRE(r.error().message_zh != r.error().code);  // a real text, not the id
    REQUIRE(r.error().message_en != r.error().code);
  }
  auto bad = sheet_from_json_text(R"({"lines": [{"serial": "S", "instrument": "maybe"}]})");
  REQUIRE(bad.error().message_zh == "“lines[0].instrument”的值“maybe”无效：“是否有在用仪器”只能为“是”、“否”或空");
}

TEST_CASE("text that is not JSON is a malformed request", "[sheet][json]") {
  for (const char* t : {"", "{", "{\"lines\": [}", "nul"}) {
    auto r = sheet_from_json_text(t);
    REQUIRE_FALSE(r.ok());
    REQUIRE(r.error().code == "request.malformed_json");
  }
}

TEST_CASE("instrument values read 是, 否, yes, no and blank only", "[sheet][json]") {
  REQUIRE(parse_instrument("是") == Instrument::yes);
  REQUIRE(parse_instrument(" 否 ") == Instrument::no);
  REQUIRE(parse_instrument("no") == Instrument::no);
  REQUIRE(parse_instrument("\xE3\x80\x80") == Instrument::none);
  REQUIRE_FALSE(parse_instrument("有").has_value());
  REQUIRE_FALSE(parse_instrument("YES").has_value());
  REQUIRE(instrument_text(Instrument::no) == "否");
  REQUIRE(instrument_text(Instrument::none).empty());
}
