#include "parse/lexicon/domains.hpp"

#include <libpsl.h>

#include <algorithm>
#include <array>
#include <memory>

namespace cardscan::parse::lexicon {
namespace {

// Names RFC 2606 / 6761 set aside for documentation: printed on sample cards.
constexpr std::array<std::string_view, 4> kReserved = {"example", "test", "invalid", "localhost"};

const psl_ctx_t* suffix_list() {
  // psl_latest picks the newer of Debian's list (PSL_DISTFILE) and the
  // built-in one; the built-in one alone if the file cannot be read.
  static const std::unique_ptr<psl_ctx_t, void (*)(psl_ctx_t*)> owned(psl_latest(nullptr), psl_free);
  return owned ? owned.get() : psl_builtin();
}

}  // namespace

bool is_top_level_domain(std::string_view tld) {
  if (tld.empty() || tld.find('.') != std::string_view::npos) return false;
  for (auto r : kReserved) {
    if (r == tld) return true;
  }
  const psl_ctx_t* psl = suffix_list();
  if (psl == nullptr) return false;
  const std::string name(tld);
  return psl_is_public_suffix2(psl, name.c_str(), PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE) != 0;
}

std::string registrable_domain(std::string_view host) {
  const psl_ctx_t* psl = suffix_list();
  const std::string name(host);
  if (psl == nullptr) return name;
  const char* registrable = psl_registrable_domain(psl, name.c_str());
  return registrable != nullptr ? std::string(registrable) : name;
}

namespace {

// The public mail services people print on their cards, with the region
// of the national ones whose domain names no country ("naver.com" is
// Korean, "rediffmail.com" Indian); "" for the worldwide ones and for
// those under a country's TLD, which tells it already.
struct MailProvider {
  std::string_view domain;
  std::string_view region;
};
constexpr MailProvider kMailProviders[] = {
    {"gmail.com", ""},       {"googlemail.com", ""}, {"outlook.com", ""},    {"hotmail.com", ""},
    {"live.com", ""},        {"msn.com", ""},        {"yahoo.com", ""},      {"yahoo.co.uk", ""},
    {"yahoo.co.in", ""},     {"yahoo.fr", ""},       {"yahoo.com.br", ""},   {"icloud.com", ""},
    {"me.com", ""},          {"aol.com", ""},        {"proton.me", ""},      {"protonmail.com", ""},
    {"zoho.com", ""},        {"gmx.de", ""},         {"gmx.net", "DE"},      {"gmx.at", ""},
    {"gmx.ch", ""},          {"web.de", ""},         {"t-online.de", ""},    {"freenet.de", ""},
    {"orange.fr", ""},       {"free.fr", ""},        {"laposte.net", "FR"},  {"sfr.fr", ""},
    {"wanadoo.fr", ""},      {"libero.it", ""},      {"virgilio.it", ""},    {"tiscali.it", ""},
    {"terra.com.br", ""},    {"uol.com.br", ""},     {"bol.com.br", ""},     {"rediffmail.com", "IN"},
    {"btinternet.com", "GB"}, {"sky.com", "GB"},     {"bigpond.com", "AU"},  {"xs4all.nl", ""},
    {"ziggo.nl", ""},        {"telenet.be", ""},     {"bluewin.ch", ""},     {"naver.com", "KR"},
    {"daum.net", "KR"},      {"hanmail.net", "KR"},  {"qq.com", "CN"},       {"163.com", "CN"},
    {"126.com", "CN"}};

const MailProvider* provider_of(std::string_view domain) {
  for (const auto& p : kMailProviders) {
    if (p.domain == domain) return &p;
  }
  return nullptr;
}

}  // namespace

const std::vector<std::string_view>& mail_providers() {
  static const std::vector<std::string_view> rows = [] {
    std::vector<std::string_view> out;
    for (const auto& p : kMailProviders) out.push_back(p.domain);
    return out;
  }();
  return rows;
}

std::string_view mail_provider_region(std::string_view domain) {
  const MailProvider* p = provider_of(domain);
  return p != nullptr ? p->region : std::string_view();
}

bool is_mail_provider(std::string_view domain) {
  return provider_of(domain) != nullptr;
}

}  // namespace cardscan::parse::lexicon
