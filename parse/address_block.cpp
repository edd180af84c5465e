#include "parse/address_block.hpp"

#include <algorithm>
#include <set>

#include "parse/lexicon/countries.hpp"
#include "parse/lexicon/labels.hpp"
#include "parse/role_words.hpp"
#include "parse/text.hpp"

namespace cardscan::parse {

namespace {
// A building, a street, a district, a city line and a country line: the
// longest address a card prints for one office.
constexpr std::size_t kMaxAddressLines = 5;
// What a line must show to start a block, and to continue one below its
// start: a street word alone ("Unit 158", "Riverside House") continues.
constexpr double kSeedEvidence = 0.5;
constexpr double kContinueStreet = 0.35;
// A country line at the end is worth less than a postcode line.
constexpr double kCountryScore = 0.3;
// A house-number line above a postcode line, or a place-name line
// between street and postcode, adds this much to its block.
constexpr double kBridgeScore = 0.5;
// A block needs more than one weak line to be an address.
constexpr double kMinBlockScore = 0.8;
// A place-name line between street and postcode ("NEWCASTLE UPON TYNE",
// "Bangkapi Sub-District") has at most this many words.
constexpr std::size_t kMaxPlaceWords = 4;
// Lines of one address share their type size; a name or firm line in a
// larger size next to the address is not taken in on street words alone.
constexpr double kSameSizeRatio = 1.3;
// A city line OCR cut into pieces ("Boston," | "MA" | "02110") is put
// together from at most this many.
constexpr std::size_t kMaxLocalityPieces = 3;
// Each piece is a word or two ("Boston,", "MA", "02110", "Frankfurt am"):
// longer lines are lines of their own.
constexpr std::size_t kMaxLocalityPieceWords = 2;
// Only the post-box pattern ("BP 349", "Postfach 77 18 38") gives a line
// full street evidence; such a line above the street is the address's
// whatever its type size (digits-only lines read smaller: no descenders).
constexpr double kPostBoxStreet = 1.0;

bool same_block(const CardLine& a, const CardLine& b) { return a.source->block == b.source->block; }

// A speck OCR read as a glyph or two ("Ka" 6 px high between "BP 349" and
// the street): no line of the address, and no gap in it either.
constexpr int kMaxSpeckChars = 2;
constexpr double kMaxSpeckHeight = 0.5;  // of the address line's height
bool speck(const CardLine& l, const CardLine& ref) {
  const CharCounts n = count_chars(l.text);
  return !l.contact && n.letters + n.digits <= kMaxSpeckChars && l.height > 0 && ref.height > 0 &&
         l.height <= kMaxSpeckHeight * ref.height;
}

// Neither a role line (a title, a firm) nor a contact line: a line an
// address may take in on street-word evidence alone.
bool free_line(const CardLine& l) {
  return !l.contact && !l.in_address && title_word_evidence(l.text) == 0 && company_word_evidence(l.text) == 0;
}

// A line of letters only with few words, no role words: a town, district
// or state printed on its own line.
bool place_line(const CardLine& l) {
  if (!free_line(l)) return false;
  const CharCounts n = count_chars(l.text);
  return n.digits == 0 && n.letters >= 3 && split_words(l.text).size() <= kMaxPlaceWords;
}

// How many lines from `j` on (two or three, of `start`'s block) read as a
// city line only together ("Boston," | "MA" | "02110", one line OCR cut in
// pieces); 0 when none do.
std::size_t split_locality(const std::vector<CardLine>& lines, std::size_t j, const CardLine& start) {
  std::string joined;
  for (std::size_t k = 0; k < kMaxLocalityPieces && j + k < lines.size(); ++k) {
    const CardLine& l = lines[j + k];
    if (!same_block(l, start) || !free_line(l) || l.address.locality >= kSeedEvidence || l.address.country ||
        split_words(l.role_text()).size() > kMaxLocalityPieceWords)
      return 0;
    joined += (joined.empty() ? "" : " ") + l.role_text();
    if (k > 0 && address_evidence(address_line_text(joined)).locality >= kSeedEvidence) return k + 1;
  }
  return 0;
}

// Two columns of one block print their lines at one height ("Plot 5,
// Main Road   Email x@y.in" | "Pune 411001   www.y.in"): OCR's reading
// order takes them in turn. A line of the block whose box shares no x with
// the address's first line is the other column's, no gap in the address.
bool other_column(const CardLine& l, const CardLine& ref) {
  const ocr::Box& a = l.source->box;
  const ocr::Box& b = ref.source->box;
  return a.right() <= b.x || b.right() <= a.x;
}

// Past another column's lines, the address's next line is right below its
// last: no further than this many line heights of space between them.
constexpr double kMaxColumnLineGap = 1.0;
bool right_below(const CardLine& below, const CardLine& above) {
  const double h = std::max(1.0, std::max(above.height, below.height));
  return below.source->box.y - above.source->box.bottom() <= kMaxColumnLineGap * h;
}

bool same_size(const CardLine& a, const CardLine& b) {
  if (a.height <= 0 || b.height <= 0) return true;
  return std::max(a.height, b.height) <= kSameSizeRatio * std::min(a.height, b.height);
}

// A firm's line: a legal form after its name ("Công Ty TNHH ... Việt Nam",
// "Acme Ltd, London"), no street and no number. The city or country it
// names is the firm's seat, printed as part of its name, not an address
// line; a city line with its postcode ("Denver, CO 80202", "Adelaide SA
// 5000": region codes that are legal forms too) is not one.
bool firm_line(const CardLine& l) {
  return l.address.street < kSeedEvidence && count_chars(l.text).digits == 0 &&
         company_word_evidence(l.text) >= 1.0;
}

bool continues_below(const CardLine& l) {
  if (firm_line(l)) return false;
  const auto& n = l.address;
  return n.locality >= kSeedEvidence || n.country ||
         (n.street >= kContinueStreet && (l.address.street >= kSeedEvidence || free_line(l)));
}

double line_score(const AddressEvidence& n) { return n.street + n.locality + (n.country ? kCountryScore : 0); }

// "Address: 12 Main St": the label is not part of the address.
std::string without_address_label(const std::string& text) {
  const auto words = split_words(text);
  // A label mid-line ("Công Ty ... Việt Nam, ĐC: Số 10 ..."): the address
  // starts after it.
  std::size_t skip = 0;
  for (std::size_t i = 1; i + 1 < words.size(); ++i) {
    if (words[i].back() == ':' && lexicon::label_kind(words[i]) == lexicon::LabelKind::address) skip = i + 1;
  }
  while (skip < words.size() && lexicon::label_kind(words[skip]) == lexicon::LabelKind::address) ++skip;
  // "Head Office 2-10-14 ...": the words naming the office, when an
  // office word ends them ("Head Office", "Branch Office:"); a lone one
  // only with its colon ("Office:", not the street of "Office Park 4").
  std::size_t office_end = skip;
  for (std::size_t i = skip; i < words.size() && lexicon::is_office_word(words[i]); ++i) {
    const std::string w = to_lower(words[i]);
    const bool ends = w.rfind("office", 0) == 0 || w.rfind("hq", 0) == 0 || w.rfind("headquarters", 0) == 0;
    if (ends && (i > skip || w.back() == ':')) office_end = i + 1;
  }
  if (office_end < words.size()) skip = office_end;
  if (skip == 0) return text;
  std::vector<std::string> kept(words.begin() + static_cast<std::ptrdiff_t>(skip), words.end());
  return join(kept, " ");
}
}  // namespace

AddressBlockEvidence read_address_block(std::vector<CardLine>& lines, Contact& contact) {
  std::set<std::size_t> glued;  // lines whose text goes on, after a space, in the next line's
  std::vector<std::size_t> best_run;
  double best_score = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& ev = lines[i].address;
    // "Beirut" | "Lebanon": a town line over a line that only names a
    // country is an address, the least one a card prints.
    if (ev.country && i > 0 && same_block(lines[i - 1], lines[i]) && place_line(lines[i - 1]) &&
        same_size(lines[i - 1], lines[i]) && lines[i - 1].address.street < kSeedEvidence &&
        lines[i - 1].address.locality < kSeedEvidence && !lines[i - 1].address.country &&
        kBridgeScore + kCountryScore > best_score) {
      best_score = kBridgeScore + kCountryScore;
      best_run = {i - 1, i};
    }
    if ((ev.street < kSeedEvidence && ev.locality < kSeedEvidence) || firm_line(lines[i])) continue;
    std::vector<std::size_t> run = {i};
    double score = ev.street + ev.locality;
    // Extend to neighbours that continue the address (street before city,
    // country after); a place-name line joins when a postcode or country
    // line follows it ("96 Kingsway | NEWCASTLE UPON TYNE | NE1 5DL").
    std::size_t j = i + 1;
    std::size_t first_skipped = 0;  // the first other-column line passed over, 0 for none
    while (j < lines.size() && run.size() < kMaxAddressLines && same_block(lines[j], lines[i])) {
      if (speck(lines[j], lines[i])) {
        ++j;
      } else if (first_skipped != 0 && !right_below(lines[j], lines[run.back()])) {
        break;
      } else if (continues_below(lines[j])) {
        run.push_back(j);
        score += line_score(lines[j].address);
        ++j;
      } else if (place_line(lines[j]) && same_size(lines[j], lines[i]) && j + 1 < lines.size() &&
                 run.size() + 1 < kMaxAddressLines && same_block(lines[j + 1], lines[i]) &&
                 (lines[j + 1].address.locality >= kSeedEvidence || lines[j + 1].address.country)) {
        run.push_back(j);
        run.push_back(j + 1);
        score += kBridgeScore + line_score(lines[j + 1].address);
        j += 2;
      } else if (const std::size_t k = split_locality(lines, j, lines[i]);
                 k > 1 && run.size() + k <= kMaxAddressLines) {
        // "Boston," | "MA" | "02110": a city line OCR read as pieces.
        for (std::size_t m = 0; m < k; ++m) {
          if (m + 1 < k) glued.insert(j + m);
          run.push_back(j + m);
        }
        score += kBridgeScore;
        j += k;
      } else if (other_column(lines[j], lines[i])) {
        if (first_skipped == 0) first_skipped = j;
        ++j;
      } else {
        break;
      }
    }
    // A country line printed below the contact lines that follow the city
    // ("San Diego, CA 92101" | "Web bluestonelaw.com" | "USA") ends the
    // address: a line that only names a country belongs to nothing else.
    if (run.size() < kMaxAddressLines && lines[run.back()].address.locality >= kSeedEvidence) {
      std::size_t k = run.back() + 1;
      while (k < lines.size() && same_block(lines[k], lines[i]) && lines[k].contact) ++k;
      if (k > run.back() + 1 && k < lines.size() && same_block(lines[k], lines[i]) && free_line(lines[k]) &&
          lexicon::country_named(lines[k].role_text())) {
        run.push_back(k);
        score += kCountryScore;
      }
    }
    // A house-number line right above a postcode line of the same block is
    // its street, even when OCR garbled the street word ("Lindenallkee 134").
    if (ev.locality >= kSeedEvidence && ev.street < 0.9 && i > 0 && same_block(lines[i - 1], lines[i]) &&
        free_line(lines[i - 1]) && run.front() == i) {
      const auto& above = lines[i - 1];
      const CharCounts n = count_chars(above.text);
      if (n.digits > 0 && n.letters >= 3 && above.address.street >= 0.0) {
        run.insert(run.begin(), i - 1);
        score += kBridgeScore;
      }
    }
    // The building or premises line printed above the street ("Haus B",
    // "Marunouchi Park Building", "BP 349", "c/o ...").
    // Past the other column's lines printed between them ("Hinterhaus" |
    // "Direct: 069 ..." | "Lindenallee 69"), when it sits right above.
    auto takes_above = [&](const CardLine& above, bool passed_column) {
      return same_block(above, lines[i]) && free_line(above) &&
             (same_size(above, lines[i]) || above.address.street >= kPostBoxStreet) &&
             above.address.street >= kContinueStreet && (!passed_column || right_below(lines[run.front()], above));
    };
    while (run.front() > 0 && run.size() < kMaxAddressLines) {
      std::size_t up = run.front() - 1;
      bool passed_column = false;
      for (; up > 0 && !takes_above(lines[up], passed_column); --up) {
        if (speck(lines[up], lines[i])) continue;
        if (!same_block(lines[up], lines[i]) || !other_column(lines[up], lines[i])) break;
        passed_column = true;
      }
      if (!takes_above(lines[up], passed_column)) break;
      run.insert(run.begin(), up);
      score += lines[up].address.street;
    }
    if (score > best_score) {
      best_score = score;
      best_run = run;
    }
    // The other column's lines passed over may start an address of their own.
    i = (first_skipped != 0 ? first_skipped : j) - 1;
  }
  AddressBlockEvidence evidence;
  if (best_run.empty() || best_score < kMinBlockScore) return evidence;
  std::vector<std::string> parts;
  double conf = 0;
  bool glue_next = false;
  for (auto idx : best_run) {
    lines[idx].in_address = true;
    const std::string t = without_address_label(lines[idx].role_text());
    if (t.empty()) continue;
    // "1163 Cedar Lane #114 | Phoenix, AZ": a printed separator inside the
    // line, read as one before the digits are repaired ("Gartenweg 128 |
    // 10115 Berlin": a bar between numbers is no 1).
    std::string piece = t;
    for (const std::string sep : {" | ", " \u2022 ", " \u00B7 "}) {
      for (auto at = piece.find(sep); at != std::string::npos; at = piece.find(sep))
        piece.replace(at, sep.size(), ", ");
    }
    piece = without_text_after_zip(address_line_text(piece));
    while (!piece.empty() && (piece.back() == ',' || piece.back() == ' ')) piece.pop_back();  // joined with ", "
    if (glue_next && !parts.empty()) {
      parts.back() += " " + piece;
    } else {
      parts.push_back(piece);
    }
    glue_next = glued.count(idx) > 0;
    conf += lines[idx].confidence;
  }
  contact.address = join(parts, ", ");
  contact.address_parts = split_address(parts);
  evidence.score = best_score;
  evidence.ocr_confidence = conf / static_cast<double>(best_run.size());
  return evidence;
}

}  // namespace cardscan::parse
