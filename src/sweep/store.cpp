#include "sweep/store.hpp"

#include <sqlite3.h>

#include <fmt/format.h>

#include "common/input_error.hpp"

namespace landbridge::sweep {
namespace {

constexpr int schema_version = 2;

// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const std::filesystem::path& path) : path_(path) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) {
      throw InputError(path.string(), "", "", fmt::format("SQLite: {} (in: {})", sqlite3_errmsg(db), sql));
    }
  }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement& bind(int i, double v) { return check(sqlite3_bind_double(statement_, i, v)); }
  Statement& bind(int i, std::int64_t v) { return check(sqlite3_bind_int64(statement_, i, v)); }
  Statement& bind(int i, const std::string& v) {
    return check(sqlite3_bind_text(statement_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  bool step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw InputError(path_.string(), "", "", fmt::format("SQLite: {}", sqlite3_errmsg(sqlite3_db_handle(statement_))));
  }
  void run() {
    step();
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
  }
  double real(int i) const { return sqlite3_column_double(statement_, i); }
  std::int64_t integer(int i) const { return sqlite3_column_int64(statement_, i); }
  std::string text(int i) const {
    const auto* p = sqlite3_column_text(statement_, i);
    return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p));
  }

 private:
  Statement& check(int rc) {
    if (rc != SQLITE_OK) throw InputError(path_.string(), "", "", fmt::format("SQLite bind: {}", sqlite3_errstr(rc)));
    return *this;
  }
  sqlite3_stmt* statement_ = nullptr;
  std::filesystem::path path_;
};

const char* const schema = R"sql(
CREATE TABLE IF NOT EXISTS sweep (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS elements (
  element INTEGER PRIMARY KEY, name TEXT NOT NULL, title TEXT, group_name TEXT,
  probability REAL NOT NULL, duration_days TEXT NOT NULL, effect TEXT NOT NULL, severity TEXT);
CREATE TABLE IF NOT EXISTS countries (country INTEGER PRIMARY KEY, code TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS samples (
  sample INTEGER PRIMARY KEY, disruptions INTEGER NOT NULL, states INTEGER NOT NULL,
  perceived_cost_usd REAL NOT NULL, logistics_cost_usd REAL NOT NULL, freight_charges_usd REAL NOT NULL, co2_tonnes REAL NOT NULL,
  served_teu REAL NOT NULL, rail_teu REAL NOT NULL, rail_share REAL NOT NULL, avg_days REAL NOT NULL,
  unserved_teu REAL NOT NULL, iterations INTEGER NOT NULL, converged INTEGER NOT NULL, worst_gap REAL NOT NULL,
  seconds REAL NOT NULL);
CREATE TABLE IF NOT EXISTS sample_disruptions (
  sample INTEGER NOT NULL REFERENCES samples(sample), element INTEGER NOT NULL REFERENCES elements(element),
  start_day REAL NOT NULL, end_day REAL NOT NULL, severity REAL NOT NULL, PRIMARY KEY (sample, element));
CREATE TABLE IF NOT EXISTS sample_countries (
  sample INTEGER NOT NULL REFERENCES samples(sample), country INTEGER NOT NULL REFERENCES countries(country),
  transit_teu REAL NOT NULL, PRIMARY KEY (sample, country));
CREATE TABLE IF NOT EXISTS baseline (metric TEXT PRIMARY KEY, value REAL NOT NULL);
CREATE TABLE IF NOT EXISTS criticality (
  element INTEGER PRIMARY KEY REFERENCES elements(element), rank INTEGER NOT NULL,
  closed_perceived_cost_delta_usd REAL NOT NULL, typical_perceived_cost_delta_usd REAL NOT NULL,
  closed_logistics_cost_delta_usd REAL NOT NULL, closed_avg_days_delta REAL NOT NULL,
  closed_rail_share_delta REAL NOT NULL, closed_unserved_teu REAL NOT NULL, closed_co2_delta_tonnes REAL NOT NULL,
  typical_logistics_cost_delta_usd REAL NOT NULL, expected_days REAL NOT NULL, expected_annual_cost_usd REAL NOT NULL,
  closed_rail_teu REAL NOT NULL, typical_rail_teu REAL NOT NULL, seconds REAL NOT NULL);
CREATE TABLE IF NOT EXISTS percentiles (
  metric TEXT PRIMARY KEY, p50 REAL, p90 REAL, p95 REAL, p99 REAL, mean REAL, min REAL, max REAL);
CREATE VIEW IF NOT EXISTS sample_summary AS
  SELECT count(*) AS samples, avg(perceived_cost_usd) AS mean_perceived_cost_usd, avg(logistics_cost_usd) AS mean_logistics_cost_usd, avg(avg_days) AS mean_avg_days,
         avg(rail_share) AS mean_rail_share, avg(unserved_teu) AS mean_unserved_teu,
         sum(disruptions > 0) * 1.0 / count(*) AS share_disrupted, sum(converged = 0) AS not_converged,
         max(worst_gap) AS worst_gap
  FROM samples;
CREATE VIEW IF NOT EXISTS element_frequency AS
  SELECT e.name, e.probability AS model_probability,
         count(d.sample) * 1.0 / (SELECT count(*) FROM samples) AS sampled_probability,
         avg(d.end_day - d.start_day) AS mean_days_in_period
  FROM elements e LEFT JOIN sample_disruptions d USING (element) GROUP BY e.element ORDER BY e.element;
CREATE VIEW IF NOT EXISTS country_transit AS
  SELECT sc.sample, c.code AS country, sc.transit_teu FROM sample_countries sc JOIN countries c USING (country);
CREATE VIEW IF NOT EXISTS criticality_ranking AS
  SELECT c.rank, e.name, e.title, c.closed_perceived_cost_delta_usd, c.closed_logistics_cost_delta_usd, c.closed_avg_days_delta, c.closed_rail_share_delta,
         c.closed_unserved_teu, c.expected_annual_cost_usd
  FROM criticality c JOIN elements e USING (element) ORDER BY c.rank;
)sql";

}  // namespace

void ResultStore::exec(const std::string& sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw InputError(path_.string(), "", "", fmt::format("SQLite: {}", message));
  }
}

ResultStore::ResultStore(const std::filesystem::path& path, const SweepIdentity& identity, const RiskModel& model,
                         const std::vector<std::string>& countries)
    : path_(path), country_count_(countries.size()) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw InputError(path.string(), "", "", fmt::format("cannot open the results database: {}", message));
  }
  sqlite3_busy_timeout(db_, 5000);
  try {
    // WAL: a reader (another SQL tool) never blocks the writer; NORMAL sync is safe in WAL mode.
    exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    exec(std::string("BEGIN;") + schema + "COMMIT;");
    std::map<std::string, std::string> wanted = {
        {"schema_version", std::to_string(schema_version)},
        {"seed", std::to_string(identity.seed)},
        {"inputs_hash", identity.inputs_hash},
        {"warm_start", identity.warm_start ? "1" : "0"},
        {"risk_model", model.name},
        {"period_days", fmt::format("{:g}", model.period_days)},
    };
    std::map<std::string, std::string> stored;
    {
      Statement read(db_, "SELECT key, value FROM sweep", path_);
      while (read.step()) stored[read.text(0)] = read.text(1);
    }
    if (!stored.empty()) {
      for (const auto& [key, value] : wanted) {
        const auto it = stored.find(key);
        if (it == stored.end() || it->second != value) {
          throw InputError(path.string(), "", key,
                           fmt::format("this results database holds another sweep ({} = {}, this run has {}); "
                                       "give another --out folder, or delete it to start again",
                                       key, it == stored.end() ? "nothing" : it->second, value));
        }
      }
      return;
    }
    exec("BEGIN;");
    Statement meta(db_, "INSERT INTO sweep (key, value) VALUES (?1, ?2)", path_);
    for (const auto& [key, value] : wanted) meta.bind(1, key).bind(2, value).run();
    Statement element(db_,
                      "INSERT INTO elements (element, name, title, group_name, probability, duration_days, effect, severity) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                      path_);
    for (std::size_t i = 0; i < model.elements.size(); ++i) {
      const RiskElement& e = model.elements[i];
      element.bind(1, static_cast<std::int64_t>(i)).bind(2, e.name).bind(3, e.title)
          .bind(4, e.group >= 0 ? model.groups[static_cast<std::size_t>(e.group)].name : std::string())
          .bind(5, e.probability).bind(6, e.duration_days.describe()).bind(7, std::string(to_string(e.effect)))
          .bind(8, e.effect == EffectKind::close ? std::string() : e.severity.describe())
          .run();
    }
    Statement country(db_, "INSERT INTO countries (country, code) VALUES (?1, ?2)", path_);
    for (std::size_t c = 0; c < countries.size(); ++c) country.bind(1, static_cast<std::int64_t>(c)).bind(2, countries[c]).run();
    exec("COMMIT;");
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

ResultStore::~ResultStore() {
  if (db_ != nullptr) sqlite3_close(db_);
}

std::vector<std::uint64_t> ResultStore::stored_samples() const {
  std::vector<std::uint64_t> out;
  Statement read(db_, "SELECT sample FROM samples ORDER BY sample", path_);
  while (read.step()) out.push_back(static_cast<std::uint64_t>(read.integer(0)));
  return out;
}

void ResultStore::write_samples(const std::vector<SampleRecord>& records) {
  exec("BEGIN IMMEDIATE;");
  try {
    Statement sample(db_,
                     "INSERT INTO samples (sample, disruptions, states, logistics_cost_usd, freight_charges_usd, co2_tonnes, "
                     "served_teu, rail_teu, rail_share, avg_days, unserved_teu, iterations, converged, seconds, perceived_cost_usd, worst_gap) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                     path_);
    Statement disruption(db_,
                         "INSERT INTO sample_disruptions (sample, element, start_day, end_day, severity) VALUES (?1, ?2, ?3, ?4, ?5)",
                         path_);
    Statement country(db_, "INSERT INTO sample_countries (sample, country, transit_teu) VALUES (?1, ?2, ?3)", path_);
    for (const SampleRecord& r : records) {
      const Outcome& o = r.outcome;
      const auto index = static_cast<std::int64_t>(r.index);
      sample.bind(1, index).bind(2, static_cast<std::int64_t>(r.disruptions.size())).bind(3, static_cast<std::int64_t>(o.states))
          .bind(4, o.logistics_cost_usd).bind(5, o.freight_charges_usd).bind(6, o.co2_tonnes).bind(7, o.served_teu)
          .bind(8, o.rail_teu).bind(9, o.rail_share()).bind(10, o.avg_days()).bind(11, o.unserved_teu)
          .bind(12, static_cast<std::int64_t>(o.iterations)).bind(13, static_cast<std::int64_t>(o.converged ? 1 : 0))
          .bind(14, r.seconds).bind(15, o.perceived_cost_usd).bind(16, o.worst_gap)
          .run();
      for (const Disruption& d : r.disruptions) {
        disruption.bind(1, index).bind(2, static_cast<std::int64_t>(d.element)).bind(3, d.start_day).bind(4, d.end_day)
            .bind(5, d.severity).run();
      }
      for (std::size_t c = 0; c < o.transit_teu_by_country.size(); ++c) {
        if (o.transit_teu_by_country[c] == 0) continue;  // absent = 0
        country.bind(1, index).bind(2, static_cast<std::int64_t>(c)).bind(3, o.transit_teu_by_country[c]).run();
      }
    }
    exec("COMMIT;");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<SampleRecord> ResultStore::read_samples() const {
  std::vector<SampleRecord> out;
  std::map<std::uint64_t, std::size_t> position;
  {
    Statement read(db_,
                   "SELECT sample, states, logistics_cost_usd, freight_charges_usd, co2_tonnes, served_teu, rail_teu, avg_days, "
                   "unserved_teu, iterations, converged, seconds, perceived_cost_usd, worst_gap FROM samples ORDER BY sample",
                   path_);
    while (read.step()) {
      SampleRecord r;
      r.index = static_cast<std::uint64_t>(read.integer(0));
      Outcome& o = r.outcome;
      o.states = static_cast<int>(read.integer(1));
      o.logistics_cost_usd = read.real(2), o.freight_charges_usd = read.real(3), o.co2_tonnes = read.real(4);
      o.served_teu = read.real(5), o.rail_teu = read.real(6), o.teu_days = read.real(7) * o.served_teu;
      o.unserved_teu = read.real(8), o.iterations = static_cast<int>(read.integer(9)), o.converged = read.integer(10) != 0;
      r.seconds = read.real(11);
      o.perceived_cost_usd = read.real(12);
      o.worst_gap = read.real(13);
      o.transit_teu_by_country.assign(country_count_, 0.0);
      position[r.index] = out.size();
      out.push_back(std::move(r));
    }
  }
  Statement disruptions(db_, "SELECT sample, element, start_day, end_day, severity FROM sample_disruptions ORDER BY sample, element", path_);
  while (disruptions.step()) {
    const auto it = position.find(static_cast<std::uint64_t>(disruptions.integer(0)));
    if (it == position.end()) continue;
    out[it->second].disruptions.push_back(Disruption{static_cast<std::uint32_t>(disruptions.integer(1)), disruptions.real(2),
                                                     disruptions.real(3), disruptions.real(4)});
  }
  Statement countries(db_, "SELECT sample, country, transit_teu FROM sample_countries", path_);
  while (countries.step()) {
    const auto it = position.find(static_cast<std::uint64_t>(countries.integer(0)));
    const auto c = static_cast<std::size_t>(countries.integer(1));
    if (it != position.end() && c < country_count_) out[it->second].outcome.transit_teu_by_country[c] = countries.real(2);
  }
  return out;
}

void ResultStore::write_criticality(const std::vector<CriticalityRecord>& records, const Outcome& baseline, const RiskModel& model) {
  const std::vector<std::size_t> order = criticality_order(records);
  exec("BEGIN IMMEDIATE; DELETE FROM criticality;");
  try {
    Statement row(db_,
                  "INSERT INTO criticality (element, rank, closed_logistics_cost_delta_usd, closed_avg_days_delta, "
                  "closed_rail_share_delta, closed_unserved_teu, closed_co2_delta_tonnes, typical_logistics_cost_delta_usd, "
                  "expected_days, expected_annual_cost_usd, closed_rail_teu, typical_rail_teu, seconds, closed_perceived_cost_delta_usd, "
                  "typical_perceived_cost_delta_usd) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                  path_);
    for (std::size_t rank = 0; rank < order.size(); ++rank) {
      const CriticalityRecord& r = records[order[rank]];
      const double typical_delta = r.typical.perceived_cost_usd - baseline.perceived_cost_usd;
      const double expected_cost = expected_period_cost_usd(model.elements[r.element], r, baseline, model.period_days);
      row.bind(1, static_cast<std::int64_t>(r.element)).bind(2, static_cast<std::int64_t>(rank + 1))
          .bind(3, r.closed.logistics_cost_usd - baseline.logistics_cost_usd).bind(4, r.closed.avg_days() - baseline.avg_days())
          .bind(5, r.closed.rail_share() - baseline.rail_share()).bind(6, r.closed.unserved_teu)
          .bind(7, r.closed.co2_tonnes - baseline.co2_tonnes).bind(8, r.typical.logistics_cost_usd - baseline.logistics_cost_usd).bind(9, r.expected_days)
          .bind(10, expected_cost).bind(11, r.closed.rail_teu).bind(12, r.typical.rail_teu).bind(13, r.seconds)
          .bind(14, r.closed.perceived_cost_usd - baseline.perceived_cost_usd).bind(15, typical_delta)
          .run();
    }
    exec("COMMIT;");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    throw;
  }
}

void ResultStore::write_baseline(const Outcome& b) {
  exec("BEGIN IMMEDIATE; DELETE FROM baseline;");
  Statement row(db_, "INSERT INTO baseline (metric, value) VALUES (?1, ?2)", path_);
  for (const auto& [metric, value] : std::map<std::string, double>{{"logistics_cost_usd", b.logistics_cost_usd},
                                                                  {"perceived_cost_usd", b.perceived_cost_usd},
                                                                  {"freight_charges_usd", b.freight_charges_usd},
                                                                  {"co2_tonnes", b.co2_tonnes},
                                                                  {"served_teu", b.served_teu},
                                                                  {"rail_teu", b.rail_teu},
                                                                  {"rail_share", b.rail_share()},
                                                                  {"avg_days", b.avg_days()},
                                                                  {"unserved_teu", b.unserved_teu}}) {
    row.bind(1, metric).bind(2, value).run();
  }
  exec("COMMIT;");
}

void ResultStore::write_percentiles(const std::map<std::string, std::vector<double>>& rows) {
  exec("BEGIN IMMEDIATE; DELETE FROM percentiles;");
  Statement row(db_, "INSERT INTO percentiles (metric, p50, p90, p95, p99, mean, min, max) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", path_);
  for (const auto& [metric, values] : rows) {
    row.bind(1, metric);
    for (std::size_t i = 0; i < 7 && i < values.size(); ++i) row.bind(static_cast<int>(i) + 2, values[i]);
    row.run();
  }
  exec("COMMIT;");
}

}  // namespace landbridge::sweep
