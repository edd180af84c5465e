#pragma once
// Cards for tests that need many distinct people: plain white cards in
// large clear type that Tesseract reads reliably.

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace cardscan::test {

inline const std::vector<std::string> kGiven = {
    "Alice",  "Bruno", "Clara", "Daniel", "Elena", "Felix",  "Grace", "Hugo",   "Irene",  "Jonas", "Karla",
    "Lukas",  "Maria", "Nolan", "Olga",   "Peter", "Rosa",   "Simon", "Tanya",  "Victor", "Wanda", "Xavier",
    "Yvonne", "Zoran", "Agnes", "Boris",  "Celia", "Dmitri", "Edith", "Fabian", "Gemma",  "Henrik"};
inline const std::vector<std::string> kFamily = {
    "Hartley", "Moreau", "Lindqvist", "Okafor",  "Petrov", "Brandt", "Castillo", "Novak",
    "Fischer", "Keller", "Romano",    "Sato",    "Weber",  "Quinn",  "Duarte",   "Larsen",
    "Meyer",   "Ortega", "Bauer",     "Collins", "Dalton", "Ferris", "Garner",   "Holt",
    "Ingram",  "Jensen", "Kowalski",  "Lambert", "Mercer", "Nash",   "Olsen",    "Porter"};

inline std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

inline std::string email_of(std::size_t i) { return lower(kGiven[i]) + "." + lower(kFamily[i]) + "@example.com"; }

// Person `i` (0-based, up to 31) on a plain white card, in large clear type
// Tesseract reads reliably: name, title, company, e-mail, phone.
inline std::string render_card(std::size_t i) {
  cv::Mat card(600, 1050, CV_8UC3, cv::Scalar(255, 255, 255));
  auto put = [&](const std::string& text, int y, double scale, int thickness) {
    cv::putText(card, text, {60, y}, cv::FONT_HERSHEY_SIMPLEX, scale, cv::Scalar(0, 0, 0), thickness, cv::LINE_AA);
  };
  char phone[32];
  std::snprintf(phone, sizeof phone, "+1 415 555 %04zu", 100 + i);
  put(kGiven[i] + " " + kFamily[i], 120, 2.0, 4);
  put("Sales Manager", 200, 1.3, 2);
  put("Northwind Traders", 270, 1.3, 2);
  put(email_of(i), 420, 1.2, 2);
  put(phone, 500, 1.2, 2);
  std::vector<unsigned char> jpeg;
  REQUIRE(cv::imencode(".jpg", card, jpeg, {cv::IMWRITE_JPEG_QUALITY, 90}));
  return {jpeg.begin(), jpeg.end()};
}

inline std::string card_name(std::size_t i) {
  char name[32];
  std::snprintf(name, sizeof name, "card_%02zu.jpg", i + 1);
  return name;
}

}  // namespace cardscan::test
