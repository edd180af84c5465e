#include "parse/shape_fields.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include "parse/lexicon/domains.hpp"
#include "parse/lexicon/labels.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {
namespace {

double clamp01(double v) { return std::max(0.0, std::min(1.0, v)); }

// find_phones gives a number valid in its plan at least this confidence
// (0.9 unlabelled, 0.97 labelled; a merely possible one 0.7).
constexpr double kValidPhoneConfidence = 0.9;

// Blanks the given byte spans of `s` with spaces.
std::string blank_spans(std::string s, const std::vector<Span>& spans) {
  for (const auto& sp : spans) {
    for (std::size_t i = sp.begin; i < sp.end && i < s.size(); ++i) s[i] = ' ';
  }
  return s;
}

// Drops leftovers of labels and icon glyphs around removed fields. A label
// names the field after it: a label word that ends the line, right after
// words that stay, with no colon and no field after it, is a word of its
// own ("Email: ... 60311 Frankfurt am Main").
std::string clean_rest(const std::string& blanked, const std::string& raw) {
  std::vector<std::string> kept;
  const std::string ends_label = ".:|/-•·,;";
  std::size_t at = 0, kept_end = std::string::npos;  // where the last kept word ends in `blanked`
  for (const auto& w : split_words(blanked)) {
    const std::size_t begin = blanked.find(w, at);
    at = begin + w.size();
    std::string b = to_lower(w);
    while (!b.empty() && ends_label.find(b.back()) != std::string::npos) b.pop_back();
    while (!b.empty() && ends_label.find(b.front()) != std::string::npos) b.erase(b.begin());
    if (b.empty()) continue;
    const lexicon::LabelKind label = lexicon::label_kind(b);
    const bool word_of_its_own = kept_end != std::string::npos && w.back() != ':' &&
                                 trim(std::string_view(raw).substr(at)).empty() &&
                                 raw.compare(kept_end, begin - kept_end, blanked, kept_end, begin - kept_end) == 0;
    if (label != lexicon::LabelKind::none && !lexicon::is_not_phone_label(label) && !word_of_its_own) continue;
    const CharCounts n = count_chars(w);
    if (n.letters == 0 && n.digits == 0) continue;
    kept.push_back(w);
    kept_end = at;
  }
  return join(kept, " ");
}

// The phone icon printed before an unlabelled number, judged by its shape:
// a mobile phone is clearly taller than wide (a handset is not). OCR reads
// icons as stray glyphs, but their boxes keep the icon's outline.
enum class PhoneIcon { none, mobile, other_shape };

PhoneIcon phone_icon_before(const ocr::Line& line, std::size_t number_offset) {
  std::size_t offset = 0;
  const ocr::Word* previous = nullptr;
  for (const auto& w : line.words) {
    if (offset + w.text.size() > number_offset) break;
    previous = &w;
    offset += w.text.size() + 1;
  }
  if (previous == nullptr || offset > number_offset + 1) return PhoneIcon::none;
  const CharCounts n = count_chars(previous->text);
  if (utf8_length(previous->text) > 2 || n.digits > 0 || previous->box.width <= 0) return PhoneIcon::none;
  // A letter label such as "M" or "T" is read by the label rules, not here.
  if (n.letters == 1 && n.other == 0 && previous->confidence > 80) return PhoneIcon::none;
  const double aspect = static_cast<double>(previous->box.height) / previous->box.width;
  return aspect >= 1.35 ? PhoneIcon::mobile : PhoneIcon::other_shape;
}

struct UntypedPhone {
  std::size_t index;  // in the contact's phones
  bool icon = false;  // printed after an icon that is not a mobile's
};

// Numbers whose label and numbering plan say nothing of their type (North
// American numbers serve both) follow how cards list phones: office first,
// then mobile. A lone number after a handset-like icon is the office line;
// a lone bare number is most often the holder's own mobile. Next to a typed
// number, an untyped one takes the kind still missing.
void type_untyped_phones(std::vector<Phone>& phones, const std::vector<UntypedPhone>& untyped) {
  if (untyped.empty()) return;
  auto typed_as = [&](PhoneType type) {
    for (std::size_t i = 0; i < phones.size(); ++i) {
      const bool is_untyped =
          std::any_of(untyped.begin(), untyped.end(), [&](const UntypedPhone& u) { return u.index == i; });
      if (!is_untyped && phones[i].type == type) return true;
    }
    return false;
  };
  if (untyped.size() == phones.size()) {
    if (untyped.size() == 1) {
      phones[untyped[0].index].type = untyped[0].icon ? PhoneType::work : PhoneType::mobile;
    } else {
      phones[untyped[0].index].type = PhoneType::work;
      phones[untyped[1].index].type = PhoneType::mobile;
    }
    return;
  }
  const bool work = typed_as(PhoneType::work), mobile = typed_as(PhoneType::mobile);
  if (work && !mobile) phones[untyped[0].index].type = PhoneType::mobile;
  if (mobile && !work) phones[untyped[0].index].type = PhoneType::work;
}

}  // namespace

ShapeEvidence read_shape_fields(std::vector<CardLine>& lines, const CardContext& context, Contact& contact) {
  ShapeEvidence evidence;
  std::vector<std::string> all_emails, all_sites;
  std::vector<UntypedPhone> untyped_phones;  // numbers nothing on the card types
  // The domains an email whose '@' was misread may end in: those the card
  // prints elsewhere, and the public mail services.
  std::vector<std::string> anchors;
  for (const auto& d : context.domains) anchors.push_back(lexicon::registrable_domain(d));
  for (auto p : lexicon::mail_providers()) anchors.emplace_back(p);
  anchors = unique(anchors);
  std::string wrapped_start;               // the unread number that ended the previous line ("+44 (0)131")
  const CardLine* wrapped_from = nullptr;  // that line
  for (std::size_t index = 0; index < lines.size(); ++index) {
    auto& l = lines[index];
    // What build_card_context read on this very text, else read here.
    const CardContext::LineReading* read =
        index < context.lines.size() && context.lines[index].raw == l.raw && context.lines[index].text == l.text
            ? &context.lines[index]
            : nullptr;
    std::vector<Span> taken;
    auto emails = read ? read->emails : find_emails(l.raw);
    if (emails.empty()) emails = find_emails_with_lost_at(l.raw, anchors);
    if (emails.empty()) emails = find_emails_with_cut_domain(l.raw, anchors);
    for (auto& e : emails) {
      all_emails.push_back(e.address);
      e.ocr_confidence = l.confidence;
      evidence.email_hits.push_back(e);
      taken.push_back(e.span);
    }
    for (auto& s : find_social(l.raw)) {
      contact.social.push_back(s.handle);
      taken.push_back(s.span);
    }
    const std::string without_emails = blank_spans(l.raw, taken);
    for (auto& w : find_websites(without_emails)) {
      if (all_sites.empty()) evidence.website_ocr_confidence = l.confidence;
      all_sites.push_back(w.url);
      evidence.web_hits.push_back({w.url, l.confidence});
      taken.push_back(w.span);
    }
    const std::string for_phones = blank_spans(l.raw, taken);
    PhoneContext line_context = context.phones;
    const AddressEvidence address = read ? read->address : address_evidence(l.text);
    line_context.address_line = address.street >= 0.9 || address.locality >= 0.8;
    // "E +44 (0)131" | "496 0328": a number wrapped onto the next line of
    // its block is read whole when neither part is a number alone.
    if (wrapped_from != nullptr && wrapped_from->source->block == l.source->block) {
      static const std::regex head_re(R"(^\s*(\d[\d .\-]*\d))");
      std::smatch head;
      if (std::regex_search(for_phones, head, head_re) && find_phones(head[1].str(), line_context).empty()) {
        const std::string joined = wrapped_start + " " + head[1].str();
        for (auto& p : find_phones(joined, context.phones)) {
          if (p.span.end <= wrapped_start.size() + 1 || p.phone.confidence < kValidPhoneConfidence) continue;
          const bool seen = std::any_of(contact.phones.begin(), contact.phones.end(),
                                        [&](const Phone& q) { return q.e164 == p.phone.e164; });
          if (!seen) {
            p.phone.confidence *= clamp01(0.5 + l.confidence / 2);
            contact.phones.push_back(p.phone);
          }
          const auto b = static_cast<std::size_t>(head.position(1));
          taken.push_back({b, b + static_cast<std::size_t>(head.length(1))});
        }
      }
    }
    wrapped_from = nullptr;
    for (auto& p : find_phones(for_phones, line_context)) {
      bool handset_icon = false;
      if (!p.labelled) {
        const PhoneIcon icon = phone_icon_before(*l.source, p.span.begin);
        if (icon == PhoneIcon::mobile) {
          p.phone.type = PhoneType::mobile;
          p.type_unknown = false;
        }
        handset_icon = icon == PhoneIcon::other_shape;
      }
      const bool seen = std::any_of(contact.phones.begin(), contact.phones.end(),
                                    [&](const Phone& q) { return q.e164 == p.phone.e164; });
      if (!seen) {
        p.phone.confidence *= clamp01(0.5 + l.confidence / 2);
        if (p.type_unknown) untyped_phones.push_back({contact.phones.size(), handset_icon});
        contact.phones.push_back(p.phone);
      }
      taken.push_back(p.span);
    }
    // What ends the line after its last field, if it reads as the start of
    // a number: the next line may finish it.
    {
      // Only a number's own start: a country code, a bracketed area code or
      // a trunk 0 ("Königsallee 22" | "10115 Berlin" is no number).
      static const std::regex tail_re(R"(((?:\+\d{1,3}|\(0?\d{1,5}\)|0\d)[\d .\-()]*)\s*$)");
      const std::string left = blank_spans(l.raw, taken);
      const std::string end = trim(left);
      std::smatch tail;
      std::size_t digits = 0;
      // std::regex is slow: only lines that end in a digit are searched.
      if (!end.empty() && std::isdigit(static_cast<unsigned char>(end.back())) &&
          std::regex_search(left, tail, tail_re)) {
        for (char ch : tail[1].str()) digits += std::isdigit(static_cast<unsigned char>(ch)) ? 1 : 0;
      }
      if (digits >= 2 && !line_context.address_line && find_phones(tail[1].str(), line_context).empty()) {
        // The label before the start goes with it ("E +44 (0)131").
        const auto b = static_cast<std::size_t>(tail.position(1));
        const std::size_t from = left.find_last_of("|/,;", b == 0 ? 0 : b - 1);
        wrapped_start = trim(left.substr(from == std::string::npos || from >= b ? 0 : from + 1));
        wrapped_from = &l;
      }
    }
    l.contact = !taken.empty();
    l.rest = taken.empty() ? l.text : clean_rest(blank_spans(l.raw, taken), l.raw);
    l.address = address_evidence(address_line_text(l.role_text()));
  }
  contact.emails = unique(all_emails);
  contact.websites = unique(all_sites);
  type_untyped_phones(contact.phones, untyped_phones);
  return evidence;
}

}  // namespace cardscan::parse
