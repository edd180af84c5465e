#pragma once
// Finders for the fields that have a recognisable shape: emails, phones,
// websites and social handles. Each works on one line of OCR text and
// repairs OCR slips only where the shape around them proves the repair.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "parse/contact.hpp"

namespace cardscan::parse {

struct Span {
  std::size_t begin = 0, end = 0;  // byte offsets in the line
};

struct EmailHit {
  std::string address;  // lower case
  Span span;
  bool repaired = false;  // an OCR slip was fixed to read it
  // A lower-case word printed right before the address ("elena ferrari@x.com")
  // may be the start of the local part with its dot lost; the caller decides
  // with the name in hand.
  std::string word_before;
  double ocr_confidence = 1.0;  // of the line it was read from, 0..1 (set by the caller)
};

// Email addresses in a line; "(at)", "[at]", "©" read for "@" and ",com"
// for ".com" are repaired.
[[nodiscard]] std::vector<EmailHit> find_emails(std::string_view line);

// Emails whose '@' OCR misread as one other glyph ("anais.price2elmstead.com",
// "kamau®pinecrest.com" read as a web address): a word of the line that is a
// local part, one '@' lookalike (or two non-ASCII symbols: "ĝð"; a space
// before the last dot is closed) and one of `domains` (lower case: domains
// the card prints elsewhere, public mail services). A subdomain
// ("mail.elmstead.com") and a name joined by a hyphen are not emails.
[[nodiscard]] std::vector<EmailHit> find_emails_with_lost_at(std::string_view line,
                                                             const std::vector<std::string>& domains);

// Emails whose domain OCR cut short ("aadeyemi@brightrealt." on a card
// printing brightrealt.io), completed from `domains` (registrable domains
// the card prints elsewhere) when the cut part holds a domain's whole name
// and its dot. For lines where find_emails found none.
[[nodiscard]] std::vector<EmailHit> find_emails_with_cut_domain(std::string_view line,
                                                                const std::vector<std::string>& domains);

struct WebHit {
  std::string url;  // as printed, without trailing punctuation
  Span span;
};

// Web addresses (scheme, www. or a known top-level domain), not the domain
// part of an email address and not social profile links.
[[nodiscard]] std::vector<WebHit> find_websites(std::string_view line);

struct SocialHit {
  SocialHandle handle;
  Span span;
};

// LinkedIn/X/Instagram/Facebook/GitHub profile links and "@handle" words
// (an @handle is never part of an email address).
[[nodiscard]] std::vector<SocialHit> find_social(std::string_view line);

// Top-level domain of a host name ("mail.acme.co.uk" -> "uk"), lower case.
[[nodiscard]] std::string top_level_domain(std::string_view host);
// Registrable name of a host ("www.acme-corp.co.uk" -> "acme-corp").
[[nodiscard]] std::string domain_stem(std::string_view host);
// The host a web address names, in lower case, without scheme, path or a
// leading "www.": "https://www.Acme.co/team" -> "acme.co".
[[nodiscard]] std::string url_host(std::string_view url);

// A web address whose "www." OCR garbled, with it put right: repeated
// ("WwW.www.aster.de"), after a stray letter ("Awww."), short or with a v
// ("ww.", "wvw."), or with its dot lost ("wwwhaasgroup.de"). Anything
// else is returned as it is.
[[nodiscard]] std::string tidy_www(std::string_view url);
// True for top-level domains we accept in bare web addresses.
[[nodiscard]] bool known_tld(std::string_view tld);
// The ISO region a country-code TLD implies ("uk" -> "GB", "de" -> "DE"), or "".
[[nodiscard]] std::string region_of_tld(std::string_view tld);

struct PhoneHit {
  Phone phone;
  Span span;
  bool labelled = false;      // a phone label (Tel, M, Fax, ...) was printed with it
  bool type_unknown = false;  // no label, and the numbering plan does not tell fixed from mobile
};

struct PhoneContext {
  std::string default_region = "US";
  std::vector<std::string> regions;  // regions the card suggests, most likely first
  bool address_line = false;         // the line is part of a postal address: unlabelled digits are postcodes
};

// Phone numbers in a line, typed from their printed labels (libphonenumber's
// number type only when no label is printed). Numbers after tax, VAT, bank,
// registration or postal labels are not phones.
[[nodiscard]] std::vector<PhoneHit> find_phones(std::string_view line, const PhoneContext& context);

// True when `e164` ("+14155550123") is a number libphonenumber reads as possible in its country.
[[nodiscard]] bool is_valid_e164(std::string_view e164);

// Regions suggested by phone numbers printed with a country code, e.g. "+49".
[[nodiscard]] std::vector<std::string> regions_from_country_codes(std::string_view text);

// When numbers printed in national format ("0161 496 0056") are valid in
// none of the context's regions, the region under which the most of them
// are valid (ties go to the more common business regions); "" if none.
[[nodiscard]] std::string region_for_national_numbers(std::string_view text, const PhoneContext& context);

// Among `candidates` (the regions speaking the card's language, most likely
// first), the one whose plan reads the numbers printed in `text` better
// than the context's default region does: a number valid there but not in
// the default counts 1, one possible there but not in the default a half,
// one valid in the default but not there minus 1. The best positive score
// wins, ties to the earlier candidate; "" when none reads them better.
// Where the card prints a country code ("+33"), only regions with that
// code are candidates.
[[nodiscard]] std::string region_reading_better(std::string_view text, std::span<const std::string_view> candidates,
                                                const PhoneContext& context);

}  // namespace cardscan::parse
