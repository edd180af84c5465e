#include "parse/role_words.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

std::vector<std::string> bare_words(std::string_view line) {
  std::vector<std::string> out;
  for (const auto& w : split_words(to_lower(line))) {
    std::string b;
    for (char c : w) {
      if (c != ',' && c != ';' && c != ':' && c != '(' && c != ')' && c != '|') b += c;
    }
    while (!b.empty() && b.back() == '.') b.pop_back();
    if (!b.empty()) out.push_back(b);
  }
  return out;
}

}  // namespace

bool is_legal_form(std::string_view word) {
  static const std::set<std::string, std::less<>> legal = {
      "inc",  "incorporated", "llc",     "l.l.c", "ltd",   "limited", "corp",  "corporation", "co",    "company",
      "gmbh", "ag",           "kg",      "e.k",   "ek",    "ohg",     "gbr",   "ug",          "se",    "sa",
      "s.a",  "sarl",         "s.a.r.l", "sas",   "s.a.s", "srl",     "s.r.l", "spa",         "s.p.a", "bv",
      "b.v",  "nv",           "n.v",     "plc",   "llp",   "lp",      "pllc",  "pty",         "pvt",   "pte",
      "oy",   "ab",           "as",      "a/s",   "aps",   "kk",      "s.l",   "sl",          "ltda",  "eirl",
      "sàrl", "sagl",         "gmbh&co", "cie",   "kft",   "sp",      "z.o.o", "mbh",
      "tnhh"};  // Vietnamese "trách nhiệm hữu hạn", limited: "Công Ty TNHH ..."
  std::string w = to_lower(word);
  while (!w.empty() && w.back() == '.') w.pop_back();
  return legal.count(w) > 0;
}

// The words firms name themselves with, one table: organisation words
// ("Group", "Labs", "Partners") and the trades a firm's name ends in
// ("Logistics", "Bakery", "Insurance"), in the languages cardscan reads.
// Both are evidence of a company line; a trade word on the line under a
// company name also says the name goes on there. Words job titles are made
// of ("Marketing", "Finance", "Security", "Design", "Office") are left out.
namespace {

enum class FirmWord { organisation, trade };

const std::map<std::string, FirmWord, std::less<>>& firm_words() {
  using F = FirmWord;
  static const std::map<std::string, FirmWord, std::less<>> words = [] {
    std::map<std::string, FirmWord, std::less<>> m;
    for (const char* w :
         {"group", "holdings", "partners", "associates", "studio", "studios", "labs", "lab", "technologies",
          "technology", "software", "networks", "industries", "enterprises", "ventures", "capital", "bank",
          "university", "institute", "hospital", "clinic", "agency", "foundation", "trust", "firm", "media",
          "association", "gruppe", "société", "cabinet", "atelier", "sociedad", "empresa", "architects", "company",
          "corporation", "collective", "cooperative", "works", "workshop", "center", "centre", "college", "academy",
          "school", "bureau", "büro", "kanzlei", "praxis", "gesellschaft", "compagnie", "groupe",
          "grupo", "gruppo", "azienda", "laboratoire", "laboratorio", "instituto", "istituto"})
      m.emplace(w, F::organisation);
    for (const char* w :
         {"logistics", "freight", "forwarding", "shipping", "transport", "trading", "imports", "exports",
          "insurance", "properties", "realty", "electronics", "manufacturing", "construction", "solutions",
          "services", "systems", "consulting", "engineering", "international", "logística", "transportes",
          "comércio", "logistik", "spedition", "bakery", "foods", "food", "marine", "builders", "outfitters",
          "health", "healthcare", "photography", "analytics", "biotech", "robotics", "advisory", "motors",
          "pharma", "pharmaceuticals", "energy", "imaging", "acoustics", "interiors", "landscaping",
          "roasters", "coffee", "translations", "accounting", "dental", "veterinary", "law", "printing",
          "print", "publishing", "textiles", "furniture", "hotels", "hotel", "restaurant", "catering", "travel",
          "tours", "estates", "homes", "developments", "investments", "securities",
          "telecom", "communications", "advertising", "events", "fitness", "automotive", "aviation",
          "airlines", "chemicals", "materials", "metals", "steel", "plastics", "packaging", "supplies", "supply",
          "equipment", "machinery", "tools", "instruments", "devices", "diagnostics", "therapeutics",
          "optics", "cleaning", "maintenance", "plumbing", "electric", "electrical", "roofing",
          "architecture", "immobilien", "steuerberatung", "medizintechnik", "technik", "informatique", "conseil",
          "immobilier", "assurances", "ingeniería", "seguros", "inmobiliaria", "consultoria", "informática",
          "engenharia", "imóveis", "servizi", "consulenza", "ingegneria", "immobiliare", "assicurazioni"})
      m.emplace(w, F::trade);
    return m;
  }();
  return words;
}

}  // namespace

std::vector<std::string_view> firm_word_rows() {
  std::vector<std::string_view> rows;
  for (const auto& [word, kind] : firm_words()) rows.push_back(word);
  return rows;
}

bool is_trade_word(std::string_view word) {
  std::string w = to_lower(word);
  while (!w.empty() && (w.back() == '.' || w.back() == ',')) w.pop_back();
  const auto it = firm_words().find(w);
  return it != firm_words().end() && it->second == FirmWord::trade;
}

double company_word_evidence(std::string_view line) {
  const auto words = bare_words(line);
  double best = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto& w = words[i];
    if (is_legal_form(w) && i > 0) best = std::max(best, 1.0);  // a legal form follows the name
    if (w == "&" && i + 1 < words.size() && words[i + 1] == "co") best = std::max(best, 1.0);
    // Organisation and trade words: good evidence, weaker (they also appear in titles).
    if (firm_words().count(w)) best = std::max(best, 0.6);
  }
  return best;
}

double title_word_evidence(std::string_view line) {
  static const std::set<std::string, std::less<>> strong = {
      "manager", "director", "engineer", "president", "vp", "ceo", "cto", "cfo", "coo", "cmo", "cio", "ciso", "chief",
      "officer", "head", "founder", "co-founder", "cofounder", "owner", "consultant", "analyst", "specialist",
      "coordinator", "executive", "assistant", "associate", "designer", "developer", "architect", "accountant",
      "attorney", "lawyer", "counsel", "advisor", "adviser", "agent", "representative", "supervisor", "administrator",
      "technician", "scientist", "researcher", "professor", "physician", "nurse", "therapist", "veterinarian",
      "pharmacist", "dentist", "chef", "photographer", "writer", "editor", "producer", "teacher", "instructor",
      "trainer", "broker", "realtor", "planner", "strategist", "secretary", "treasurer", "chairman", "chairwoman",
      "chair", "intern", "lecturer", "surgeon", "programmer", "partner", "principal", "recruiter", "buyer", "auditor",
      "economist", "paralegal", "notary", "pilot", "captain", "curator", "librarian", "journalist", "translator",
      "interpreter", "superintendent", "foreman",
      // French, German, Spanish, Portuguese, Italian
      "directeur", "directrice", "responsable", "chargé", "chargée", "ingénieur", "ingénieure", "gérant", "gérante",
      "commercial", "commerciale", "conseiller", "conseillère", "chef", "associé", "associée", "geschäftsführer",
      "geschäftsführerin", "leiter", "leiterin", "berater", "beraterin", "ingenieur", "ingenieurin", "inhaber",
      "inhaberin", "prokurist", "vorstand", "referent", "referentin", "entwickler", "entwicklerin", "vertriebsleiter",
      "vertriebsleiterin", "assistentin", "sachbearbeiter", "gerente", "directora", "diretor", "diretora", "ingeniero",
      "ingeniera", "engenheiro", "engenheira", "consultor", "consultora", "asesor", "asesora", "jefe", "jefa",
      "coordinador", "coordinadora", "analista", "presidente", "socio", "sócio", "responsabile", "direttore",
      "direttrice", "amministratore", "titolare", "analyste",
      // Vietnamese (a word per syllable): giám đốc (director), trưởng
      // (head of: "Trưởng phòng", "Trưởng khoa"), chủ tịch (chairman)
      "giám", "trưởng", "tịch"};
  static const std::set<std::string, std::less<>> weak = {
      "senior",    "sr",          "junior",    "jr",       "lead",      "vice",       "general",   "deputy",
      "regional",  "national",    "global",    "sales",    "marketing", "operations", "account",   "key",
      "business",  "development", "product",   "project",  "software",  "finance",    "financial", "human",
      "resources", "hr",          "it",        "customer", "success",   "support",    "office",    "managing",
      "art",       "creative",    "technical", "public",   "certified", "registered", "licensed",  "real",
      "estate",    "site",        "of",        "and",      "&",         "de",         "des",       "du",
      "der",       "für",         "y",         "e",        "di",        "talent",     "acquisition", "client",
      "clientèle", "relations", "service",
      // Vietnamese: phó (deputy), tổng (general), đốc (of giám đốc)
      "phó", "tổng", "đốc"};
  // Stems of German compounds and words that inflect: "Softwareentwickler".
  static const std::vector<std::string> stems = {"manager",    "leiter",    "berater",   "entwickler", "ingenieur",
                                                 "führer",     "direktor",  "assistent", "referent",   "designer",
                                                 "spezialist", "architekt", "techniker", "kaufmann",   "kauffrau"};
  // Words that only end a title name a job ("Team Lead", "Talent
  // Acquisition Lead"); before another word they qualify it ("Lead Engineer").
  static const std::set<std::string, std::less<>> strong_at_end = {"lead"};
  const auto words = bare_words(line);
  if (words.empty()) return 0;
  int strong_hits = 0, weak_hits = 0;
  for (const auto& w : words) {
    if (strong.count(w) || (&w == &words.back() && words.size() > 1 && strong_at_end.count(w))) {
      ++strong_hits;
      continue;
    }
    bool stem_hit = false;
    for (const auto& s : stems) {
      if (w.size() > s.size() && w.find(s) != std::string::npos) stem_hit = true;
    }
    if (stem_hit)
      ++strong_hits;
    else if (weak.count(w))
      ++weak_hits;
  }
  if (strong_hits > 0) return std::min(1.0, 0.75 + 0.1 * (strong_hits + weak_hits));
  if (weak_hits > 0 && weak_hits == static_cast<int>(words.size())) return 0.3;
  return 0;
}

bool speaks_to_reader(std::string_view line) {
  // The pronouns of "we" and "you" (English, French, German, Spanish,
  // Portuguese, Italian, Dutch); none that is also a name or a job word.
  static const std::set<std::string, std::less<>> words = {
      "we", "our", "ours", "us", "you", "your", "yours",
      "nous", "notre", "nos", "vous", "votre", "vos",
      "wir", "unser", "unsere", "unseren", "ihr", "ihre", "ihren", "euer",
      "nosotros", "nuestro", "nuestra", "nuestros", "nuestras", "vuestro", "vuestra",
      "nós", "nosso", "nossa", "nossos", "nossas", "você", "vocês",
      "noi", "nostro", "nostra", "nostri", "vostro", "vostra",
      "wij", "onze", "jullie", "uw"};
  for (const auto& w : bare_words(line)) {
    if (words.count(w)) return true;
  }
  return false;
}

std::string region_of_legal_form(std::string_view line) {
  const auto words = bare_words(line);
  auto has = [&](std::string_view w) { return std::find(words.begin(), words.end(), w) != words.end(); };
  if (has("pty")) return "AU";
  if (has("pvt") || (has("private") && has("limited"))) return "IN";
  if (has("plc")) return "GB";
  if (has("gmbh") || has("e.k") || has("ug") || has("ohg") || has("gbr")) return "DE";
  if (has("sarl") || has("s.a.r.l") || has("sas") || has("s.a.s") || has("eurl")) return "FR";
  if (has("s.r.l") || has("srl") || has("s.p.a") || has("spa")) return "IT";
  if (has("b.v") || has("bv")) return "NL";
  if (has("ltda")) return "BR";
  if (has("tnhh")) return "VN";
  if (has("lda")) return "PT";
  if (has("s.l") || has("sl")) return "ES";
  if (has("llc") || has("pllc") || has("inc") || has("incorporated")) return "US";
  return {};
}

bool department_words(std::string_view line) {
  static const std::set<std::string, std::less<>> words = {
      "department", "dept",    "division", "div",      "section", "abteilung", "abt",  "département",
      "departamento", "dipartimento", "afdeling", "bereich", "unit", "faculty", "school",
      // Vietnamese: phòng (department, office), khoa (faculty), ban (board, department)
      "phòng", "khoa", "ban"};
  // A department's name carries no number; "Unit 901F" is an address.
  if (count_chars(line).digits > 0) return false;
  for (const auto& w : bare_words(line)) {
    if (words.count(w)) return true;
  }
  return false;
}

}  // namespace cardscan::parse
