#include "parse/lexicon/labels.hpp"

#include <algorithm>
#include <array>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>

#include "parse/text.hpp"

namespace cardscan::parse::lexicon {
namespace {

using K = LabelKind;

constexpr std::array kLabels = std::to_array<Label>({
    // Fax
    {"fax", K::fax},
    {"facsimile", K::fax},
    {"telefax", K::fax},
    {"f", K::fax},
    {"fx", K::fax},
    {"télécopie", K::fax},
    // Mobile
    {"mobile", K::mobile},
    {"mob", K::mobile},
    {"m", K::mobile},
    {"cell", K::mobile},
    {"cellular", K::mobile},
    {"c", K::mobile},
    {"handy", K::mobile},
    {"mobil", K::mobile},
    {"portable", K::mobile},
    {"port", K::mobile},
    {"gsm", K::mobile},
    {"cel", K::mobile},
    {"celular", K::mobile},
    {"móvil", K::mobile},
    {"movil", K::mobile},
    {"hp", K::mobile},
    {"cellulare", K::mobile},
    {"telemóvel", K::mobile},
    // Work
    {"tel", K::work},
    {"telephone", K::work},
    {"phone", K::work},
    {"ph", K::work},
    {"p", K::work},
    {"t", K::work},
    {"office", K::work},
    {"o", K::work},
    {"direct", K::work},
    {"d", K::work},
    {"dir", K::work},
    {"work", K::work},
    {"w", K::work},
    {"main", K::work},
    {"téléphone", K::work},
    {"tél", K::work},
    {"telefon", K::work},
    {"fon", K::work},
    {"teléfono", K::work},
    {"telefono", K::work},
    {"telefone", K::work},
    {"tlf", K::work},
    {"business", K::work},
    {"bus", K::work},
    {"landline", K::work},
    {"switchboard", K::work},
    {"reception", K::work},
    {"voice", K::work},
    // Other phones
    {"home", K::other},
    {"h", K::other},
    {"pager", K::other},
    // Numbers that are not phones: tax, bank, registration, postal
    {"vat", K::not_phone},
    {"tax", K::not_phone},
    {"tin", K::not_phone},
    {"gst", K::not_phone},
    {"gstin", K::not_phone},
    {"abn", K::not_phone},
    {"acn", K::not_phone},
    {"ein", K::not_phone},
    {"iban", K::not_phone},
    {"bic", K::not_phone},
    {"swift", K::not_phone},
    {"reg", K::not_phone},
    {"registration", K::not_phone},
    {"registered", K::not_phone},
    {"hrb", K::not_phone},
    {"hra", K::not_phone},
    {"ust-idnr", K::not_phone},
    {"ust-id", K::not_phone},
    {"ust", K::not_phone},
    {"siret", K::not_phone},
    {"siren", K::not_phone},
    {"rcs", K::not_phone},
    {"steuernr", K::not_phone},
    {"account", K::not_phone},
    {"acct", K::not_phone},
    {"bsb", K::not_phone},
    {"zip", K::postal},
    {"postcode", K::postal},
    {"sort", K::not_phone},
    {"company", K::not_phone},
    {"cif", K::not_phone},
    {"nif", K::not_phone},
    {"uid", K::not_phone},
    {"pan", K::not_phone},
    {"cin", K::not_phone},
    {"kvk", K::not_phone},
    {"cvr", K::not_phone},
    {"box", K::postal},
    {"licence", K::not_phone},
    {"license", K::not_phone},
    {"id", K::not_phone},
    {"cep", K::postal},
    {"pin", K::postal},
    // Tax and company numbers of other countries: VN, BR, IT, NL, FR, DE,
    // MX, CO, CL, PE, ID, TR
    {"mst", K::not_phone},
    {"cnpj", K::not_phone},
    {"cpf", K::not_phone},
    {"p.iva", K::not_phone},
    {"piva", K::not_phone},
    {"btw", K::not_phone},
    {"tva", K::not_phone},
    {"mwst", K::not_phone},
    {"rfc", K::not_phone},
    {"nit", K::not_phone},
    {"rut", K::not_phone},
    {"ruc", K::not_phone},
    {"npwp", K::not_phone},
    {"vkn", K::not_phone},
    // Licence and registration abbreviations (US contractor and broker
    // licences, German tax number)
    {"lic", K::not_phone},
    {"dre", K::not_phone},
    {"steuer-nr", K::not_phone},
    {"st.-nr", K::not_phone},
    // Postal words printed before a number of the address
    {"postfach", K::postal},
    {"postal", K::postal},
    // Address labels: EN, FR/DE, PT, ES, IT, NL
    {"address", K::address},
    {"addr", K::address},
    {"adresse", K::address},
    {"anschrift", K::address},
    {"endereço", K::address},
    {"endereco", K::address},
    {"dirección", K::address},
    {"direccion", K::address},
    {"indirizzo", K::address},
    {"adres", K::address},
    // VN: "ĐC:" (địa chỉ), and the eth OCR reads for its Đ
    {"đc", K::address},
    {"ðc", K::address},
    // Email
    {"e", K::email},
    {"email", K::email},
    {"e-mail", K::email},
    {"mail", K::email},
    {"em", K::email},
    {"courriel", K::email},
    {"correo", K::email},
    // Web
    {"web", K::web},
    {"website", K::web},
    {"www", K::web},
    {"url", K::web},
    {"site", K::web},
    {"internet", K::web},
    {"homepage", K::web},
    // Social (the network itself is told by lexicon/social)
    {"linkedin", K::social},
    {"twitter", K::social},
    {"instagram", K::social},
    {"x", K::social},
    {"github", K::social},
    {"skype", K::social},
    {"tiktok", K::social},
    {"threads", K::social},
    {"facebook", K::social},
    {"xing", K::social},
});

}  // namespace

std::span<const Label> labels() { return kLabels; }

namespace {

// Words that name which of a firm's offices an address is, printed before
// it: "Head Office 2-10-14 ...", "Milan Branch Office:", "Registered Office".
constexpr std::string_view kOfficeWords[] = {"head",     "branch",  "registered", "main",         "corporate",
                                             "regional", "office",  "hq",         "headquarters", "siège",
                                             "sede",     "filiale", "agence",     "sucursal"};

}  // namespace

std::span<const std::string_view> office_words() { return kOfficeWords; }

bool is_office_word(std::string_view word) {
  std::string w = to_lower(word);
  while (!w.empty() && (w.back() == '.' || w.back() == ':' || w.back() == ',')) w.pop_back();
  return std::find(std::begin(kOfficeWords), std::end(kOfficeWords), w) != std::end(kOfficeWords);
}

LabelKind label_kind(std::string_view word) {
  std::string w = to_lower(word);
  while (!w.empty() && (w.back() == '.' || w.back() == ':' || w.back() == '-')) w.pop_back();
  // Looked up for every word of most lines: hashed once, the first entry
  // of a word winning as in the table's order.
  static const std::unordered_map<std::string_view, LabelKind> kinds = [] {
    std::unordered_map<std::string_view, LabelKind> out;
    for (const auto& l : kLabels) out.emplace(l.word, l.kind);
    return out;
  }();
  const auto it = kinds.find(w);
  return it == kinds.end() ? LabelKind::none : it->second;
}

}  // namespace cardscan::parse::lexicon
