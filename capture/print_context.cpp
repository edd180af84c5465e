#include "capture/print_context.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace cardscan::capture {
namespace {

// The outline is read at this long side, and the picture around it up to
// kReach sides out each way, within kMaxView pixels in all; the scale of its
// letters at kPageLong.
constexpr double kInnerLong = 400;
constexpr double kReach = 3.0;
constexpr double kMaxView = 0.7e6;
constexpr double kPageLong = 900;

struct Mark {
  int x, y, w, h;
  [[nodiscard]] double cx() const { return x + w / 2.0; }
  [[nodiscard]] double cy() const { return y + h / 2.0; }
};

// Letter-shaped connected components of `bin`, at most `max_h` pixels high.
void letter_marks(const cv::Mat& bin, int max_h, std::vector<Mark>& out) {
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(bin, labels, stats, centroids, 8, CV_32S);
  for (int i = 1; i < n; ++i) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    const int area = stats.at<int>(i, cv::CC_STAT_AREA);
    const int lo = std::min(w, h), hi = std::max(w, h);
    if (hi < 5 || hi > max_h || area < 8) continue;
    if (hi > 8 * std::max(1, lo)) continue;  // rules, strokes, streaks
    if (x <= 1 || y <= 1 || x + w >= bin.cols - 1 || y + h >= bin.rows - 1) continue;
    const double fill = static_cast<double>(area) / (static_cast<double>(w) * h);
    if (fill < 0.08 || fill > 0.92) continue;  // blobs and solid boxes are not letters
    out.push_back({x, y, w, h});
  }
}

// Marks in runs of at least four (1: along a row; 2: down a column, text
// set vertically; 0: in none): like height, one centre line, gaps under a letter's height.
// Letters of a word or line make such runs; the speckle of stone, grain or
// fabric rarely lines up four alike.
std::vector<int> in_rows(const std::vector<Mark>& marks) {
  const std::size_t n = marks.size();
  std::vector<std::size_t> order(n);
  std::vector<int> keep(n, 0);
  std::vector<std::size_t> parent(n);
  auto find = [&](std::size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  };
  auto runs = [&](bool rows) {
    for (std::size_t i = 0; i < n; ++i) order[i] = parent[i] = i;
    auto lead = [&](const Mark& m) { return rows ? m.x : m.y; };
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return lead(marks[a]) < lead(marks[b]); });
    for (std::size_t oi = 0; oi < n; ++oi) {
      const Mark& a = marks[order[oi]];
      const int a_len = rows ? a.w : a.h, a_size = rows ? a.h : a.w;
      for (std::size_t oj = oi + 1; oj < n; ++oj) {
        const Mark& b = marks[order[oj]];
        const int b_size = rows ? b.h : b.w;
        const int gap = lead(b) - (lead(a) + a_len);
        if (gap > 0.7 * std::max(a_size, b_size)) break;
        const double ratio = static_cast<double>(a_size) / b_size;
        if (ratio < 0.7 || ratio > 1.43) continue;
        const double across = rows ? std::abs(a.cy() - b.cy()) : std::abs(a.cx() - b.cx());
        if (across > 0.2 * std::max(a_size, b_size) || gap < -0.2 * a_size) continue;
        parent[find(order[oi])] = find(order[oj]);
      }
    }
    std::vector<int> size(n, 0);
    for (std::size_t i = 0; i < n; ++i) ++size[find(i)];
    for (std::size_t i = 0; i < n; ++i) {
      if (size[find(i)] >= 4 && keep[i] == 0) keep[i] = rows ? 1 : 2;
    }
  };
  runs(true);
  runs(false);
  return keep;
}

}  // namespace

namespace {

// Letters (marks in runs) of `view`, counted inside `inner` and elsewhere
// where `valid` is set; median letter height inside, in pixels.
struct Count {
  int inside = 0, outside = 0, outside_marks = 0;
  double inside_height = 0;
};

Count count_letters(const cv::Mat& view, const cv::Mat& valid, cv::Rect inner, int max_h) {
  // Dark print on light ground and light print on dark ground alike.
  std::vector<Mark> marks;
  {
    cv::Mat mean;
    cv::blur(view, mean, cv::Size(31, 31));
    cv::Mat diff;
    cv::subtract(view, mean, diff, cv::noArray(), CV_16S);
    cv::Mat dark = diff<-12, light = diff> 12;
    dark &= valid;
    light &= valid;
    letter_marks(dark, max_h, marks);
    letter_marks(light, max_h, marks);
  }
  const std::vector<int> rows = in_rows(marks);
  Count out;
  std::vector<double> heights;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const cv::Point c(cvRound(marks[i].cx()), cvRound(marks[i].cy()));
    if (inner.contains(c)) {
      if (rows[i] == 0) continue;
      ++out.inside;
      // Small print merges letters into words: the short side of a mark
      // is a letter's height either way.
      heights.push_back(std::min(marks[i].w, marks[i].h));
    } else {
      ++out.outside_marks;
      if (rows[i] != 0) ++out.outside;
    }
  }
  if (!heights.empty()) {
    std::nth_element(heights.begin(), heights.begin() + static_cast<long>(heights.size() / 2), heights.end());
    out.inside_height = heights[heights.size() / 2];
  }
  return out;
}

// The homography taking `quad` to an upright w x h rectangle at (x0, y0).
cv::Mat to_rectangle(const Quad& quad, double x0, double y0, double w, double h) {
  const auto fx = static_cast<float>(x0), fy = static_cast<float>(y0), fw = static_cast<float>(w),
             fh = static_cast<float>(h);
  const std::array<cv::Point2f, 4> dst = {cv::Point2f(fx, fy), cv::Point2f(fx + fw, fy), cv::Point2f(fx + fw, fy + fh),
                                          cv::Point2f(fx, fy + fh)};
  return cv::getPerspectiveTransform(quad.data(), dst.data());
}

cv::Mat as_gray(const cv::Mat& picture) {
  if (picture.channels() == 1) return picture;
  cv::Mat gray;
  cv::cvtColor(picture, gray, picture.channels() == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY);
  return gray;
}

void sides(const Quad& q, double& w, double& h) {
  w = (cv::norm(q[1] - q[0]) + cv::norm(q[2] - q[3])) / 2;
  h = (cv::norm(q[3] - q[0]) + cv::norm(q[2] - q[1])) / 2;
}

}  // namespace

PrintContext read_print_context(const cv::Mat& picture, const Quad& quad, const std::vector<Quad>& others) {
  const cv::Mat gray = as_gray(picture);
  PrintContext out;
  double w = 0, h = 0;
  sides(quad, w, h);
  if (gray.empty() || w < 4 || h < 4) return out;
  // The picture turned so the outline's sides run along the axes (the
  // print of a card it lies on then runs in rows, as the outline's own),
  // as far as the picture reaches but at most kReach sides out each way. A
  // rotation, not the outline's perspective: extended far beyond a small
  // outline, a slightly wrong perspective folds the picture over.
  const cv::Point2f dir = (quad[1] - quad[0]) + (quad[2] - quad[3]);
  const double angle = std::atan2(dir.y, dir.x) * 180 / CV_PI;
  const cv::Point2f centre = (quad[0] + quad[1] + quad[2] + quad[3]) * 0.25f;
  cv::Mat unit = cv::getRotationMatrix2D(centre, angle, 1.0);  // turns the outline's top side level
  std::vector<cv::Point2f> frame = {{0, 0},
                                    {static_cast<float>(gray.cols), 0},
                                    {static_cast<float>(gray.cols), static_cast<float>(gray.rows)},
                                    {0, static_cast<float>(gray.rows)}};
  std::vector<cv::Point2f> mapped, outline;
  cv::transform(frame, mapped, unit);
  cv::transform(std::vector<cv::Point2f>(quad.begin(), quad.end()), outline, unit);
  const cv::Rect2f box = cv::boundingRect(outline);
  const double bw = std::max(4.0f, box.width), bh = std::max(4.0f, box.height);
  double x0 = box.x, y0 = box.y, x1 = box.x + bw, y1 = box.y + bh;
  for (const auto& p : mapped) {
    x0 = std::min(x0, static_cast<double>(p.x));
    y0 = std::min(y0, static_cast<double>(p.y));
    x1 = std::max(x1, static_cast<double>(p.x));
    y1 = std::max(y1, static_cast<double>(p.y));
  }
  x0 = std::max(x0, box.x - kReach * bw);
  y0 = std::max(y0, box.y - kReach * bh);
  x1 = std::min(x1, box.x + (1 + kReach) * bw);
  y1 = std::min(y1, box.y + (1 + kReach) * bh);
  // Scale: the outline at kInnerLong, unless the view would exceed kMaxView pixels.
  double s = kInnerLong / std::max(bw, bh);
  s = std::min(s, std::sqrt(kMaxView / ((x1 - x0) * (y1 - y0))));
  const int ow = std::max(8, static_cast<int>(std::lround((x1 - x0) * s)));
  const int oh = std::max(8, static_cast<int>(std::lround((y1 - y0) * s)));
  cv::Mat m = unit * s;
  m.at<double>(0, 2) -= x0 * s;
  m.at<double>(1, 2) -= y0 * s;
  cv::Mat view;
  cv::warpAffine(gray, view, m, cv::Size(ow, oh), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  // Where the view shows this picture's own ground: inside the frame and
  // off the other cards (masked in the picture, then turned alike).
  cv::Mat valid;
  {
    cv::Mat src(gray.size(), CV_8U, cv::Scalar(255));
    for (const auto& o : others) {
      std::vector<cv::Point> pts;
      for (const auto& p : o) pts.emplace_back(cvRound(p.x), cvRound(p.y));
      cv::fillConvexPoly(src, pts, cv::Scalar(0));
    }
    cv::warpAffine(src, valid, m, cv::Size(ow, oh), cv::INTER_NEAREST, cv::BORDER_CONSTANT, cv::Scalar(0));
    // A little inside the frame too: the warp smears the last rows.
    cv::erode(valid, valid, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  }
  const cv::Rect inner(cvRound((box.x - x0) * s), cvRound((box.y - y0) * s), cvRound(bw * s), cvRound(bh * s));
  const Count c = count_letters(view, valid, inner, static_cast<int>(0.4 * std::min(inner.width, inner.height)));
  out.inside = c.inside;
  out.outside = c.outside;
  out.outside_marks = c.outside_marks;
  return out;
}

double letter_scale(const cv::Mat& picture, const Quad& quad, int* letters) {
  const cv::Mat gray = as_gray(picture);
  double w = 0, h = 0;
  sides(quad, w, h);
  if (letters != nullptr) *letters = 0;
  if (gray.empty() || w < 4 || h < 4) return 0;
  const double s = kPageLong / std::max(w, h);
  const int iw = std::max(8, static_cast<int>(std::lround(w * s))),
            ih = std::max(8, static_cast<int>(std::lround(h * s)));
  cv::Mat view;
  cv::warpPerspective(gray, view, to_rectangle(quad, 0, 0, iw, ih), cv::Size(iw, ih), cv::INTER_LINEAR,
                      cv::BORDER_REPLICATE);
  const cv::Mat valid(ih, iw, CV_8U, cv::Scalar(255));
  const Count c = count_letters(view, valid, cv::Rect(0, 0, iw, ih), static_cast<int>(0.4 * std::min(iw, ih)));
  if (letters != nullptr) *letters = c.inside;
  return c.inside_height / std::min(iw, ih);
}

bool printed_part(const PrintContext& c) {
  // Text beyond the outline (letters in runs, not just the odd run in the
  // speckle of a textured ground), well more than inside it: the outline
  // missed the card whose print that is.
  const double purity = c.outside_marks > 0 ? static_cast<double>(c.outside) / c.outside_marks : 0;
  return c.outside >= 20 && purity >= 0.05 && c.outside >= 2 * std::max(c.inside, 5);
}

bool page_print(int letters, double letter_height) {
  // A card holds up to a few hundred letters, the smallest (6 pt fine
  // print) some 2% of its short side high; a page of 10 pt text many
  // hundreds at about 1%.
  return letters >= 150 && letter_height > 0 && letter_height < 0.018;
}

}  // namespace cardscan::capture
