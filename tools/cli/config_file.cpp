#include "tools/cli/config_file.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "tools/cli/pipeline_cli.hpp"

namespace cardscan::cli {
namespace {

enum class Kind { text, boolean };

struct KnownKey {
  const char* name;
  Kind kind;
  const char* option;              // the command-line option it stands for
  std::set<std::string> commands;  // commands it applies to; empty: a global option
};

const std::vector<KnownKey>& known_keys() {
  static const std::vector<KnownKey> keys = {
      {"region", Kind::text, "--region", {"scan", "watch", "serve"}},
      {"followup_time", Kind::text, "--followup-time", {"scan", "watch"}},
      {"skip_weekends", Kind::boolean, "--skip-weekends", {"scan", "watch"}},
      {"event", Kind::text, "--event", {"scan", "watch"}},
      {"db", Kind::text, "--db", {}},
  };
  return keys;
}

std::string key_list() {
  std::string out;
  for (const auto& k : known_keys()) out += (out.empty() ? "" : ", ") + std::string(k.name);
  return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// A TOML basic ("...") or literal ('...') string starting at line[pos];
// pos ends after the closing quote.
std::expected<std::string, std::string> read_string(std::string_view line, std::size_t& pos) {
  const char quote = line[pos++];
  std::string out;
  while (pos < line.size()) {
    const char c = line[pos++];
    if (c == quote) return out;
    if (c != '\\' || quote == '\'') {
      out += c;
      continue;
    }
    if (pos >= line.size()) break;
    const char e = line[pos++];
    switch (e) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'b':
        out += '\b';
        break;
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'f':
        out += '\f';
        break;
      case 'r':
        out += '\r';
        break;
      case 'u':
      case 'U': {
        const std::size_t digits = e == 'u' ? 4 : 8;
        if (pos + digits > line.size())
          return std::unexpected(std::string("a \\") + e + " escape needs " + std::to_string(digits) + " hex digits");
        std::uint32_t cp = 0;
        for (std::size_t i = 0; i < digits; ++i) {
          const char h = line[pos + i];
          if (!std::isxdigit(static_cast<unsigned char>(h)))
            return std::unexpected(std::string("a \\") + e + " escape needs " + std::to_string(digits) + " hex digits");
          cp = cp * 16 + static_cast<std::uint32_t>(std::isdigit(static_cast<unsigned char>(h))
                                                        ? h - '0'
                                                        : std::tolower(static_cast<unsigned char>(h)) - 'a' + 10);
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
          return std::unexpected(std::string("a \\") + e + " escape names no Unicode character");
        append_utf8(out, cp);
        pos += digits;
        break;
      }
      default:
        return std::unexpected(std::string("unknown escape \\") + e + " in a string (write \\\\ for a backslash)");
    }
  }
  return std::unexpected(std::string("the string has no closing ") + quote);
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

// `value` checked with the same rule as its command-line option (a region
// upper-cased first), or why that rule refuses it.
std::expected<std::string, std::string> checked_value(const std::string& key, std::string value) {
  // CLI11's validators say "fine" with an empty string; that stays at their edge.
  auto by_option_rule = [&](const CLI::Validator& check) -> std::expected<std::string, std::string> {
    if (std::string refusal = check(value); !refusal.empty()) return std::unexpected(std::move(refusal));
    return value;
  };
  if (key == "region") {
    for (auto& c : value) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return by_option_rule(region_check());
  }
  if (key == "followup_time") return by_option_rule(followup_time_check());
  if (key == "db" && value.empty()) return std::unexpected(std::string("db cannot be empty"));
  return value;
}

std::string expand_home(const std::string& path) {
  if (path == "~" || path.starts_with("~/")) {
    if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') return home + path.substr(1);
  }
  return path;
}

}  // namespace

std::expected<UserConfig, std::string> parse_config(std::string_view text, const std::string& file) {
  UserConfig config;
  config.file = file;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a BOM some editors write
  int number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string line = trim(text.substr(start, end - start));
    start = end + 1;
    ++number;
    auto fail = [&](const std::string& what) {
      return std::unexpected(file + ":" + std::to_string(number) + ": " + what);
    };
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') return fail("sections such as " + line + " are not used: write key = value lines only");
    std::size_t pos = 0;
    while (pos < line.size() &&
           (std::isalnum(static_cast<unsigned char>(line[pos])) || line[pos] == '_' || line[pos] == '-'))
      ++pos;
    std::string key = line.substr(0, pos);
    if (key.empty()) return fail("expected key = value, not '" + line + "'");
    for (auto& c : key)
      if (c == '-') c = '_';
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    if (pos >= line.size() || line[pos] != '=') return fail("expected '=' after " + key);
    ++pos;
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;

    const KnownKey* known = nullptr;
    for (const auto& k : known_keys())
      if (key == k.name) known = &k;
    if (known == nullptr) return fail("unknown key '" + key + "' (known: " + key_list() + ")");
    if (config.values.contains(key))
      return fail(key + " is set twice (first on line " + std::to_string(config.values[key].line) + ")");

    std::string value;
    if (pos < line.size() && (line[pos] == '"' || line[pos] == '\'')) {
      if (known->kind == Kind::boolean) return fail(key + " takes true or false, without quotes");
      auto read = read_string(line, pos);
      if (!read) return fail(key + ": " + read.error());
      value = *read;
    } else {
      std::size_t word_end = pos;
      while (word_end < line.size() && line[word_end] != ' ' && line[word_end] != '\t' && line[word_end] != '#')
        ++word_end;
      value = line.substr(pos, word_end - pos);
      pos = word_end;
      if (known->kind == Kind::text)
        return fail(key + " takes a quoted string, e.g. " + key + " = \"" + (value.empty() ? "..." : value) + "\"");
      if (value != "true" && value != "false") return fail(key + " takes true or false, not '" + value + "'");
    }
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    if (pos < line.size() && line[pos] != '#') return fail("unexpected '" + line.substr(pos) + "' after the value");
    auto checked = checked_value(key, std::move(value));
    if (!checked) return fail(key + ": " + checked.error());
    config.values[key] = {std::move(*checked), number};
  }
  return config;
}

std::filesystem::path default_config_path() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg == '/')
    return std::filesystem::path(xdg) / "cardscan" / "config.toml";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return std::filesystem::path(home) / ".config" / "cardscan" / "config.toml";
  return {};
}

std::expected<UserConfig, std::string> load_config(const std::filesystem::path& path, bool must_exist) {
  std::error_code ec;
  // The default file is optional; a folder on its way we may not enter (HOME
  // of another user under sudo or setpriv) means there is none for us.
  if (path.empty() || (!must_exist && !std::filesystem::exists(path, ec))) return UserConfig{};
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!std::filesystem::exists(path, ec) && !ec) return std::unexpected(path.string() + ": no such file");
    return std::unexpected(path.string() + ": cannot be read");
  }
  std::stringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path.string());
}

void apply_config(const UserConfig& config, CLI::App& app, GlobalOptions& global) {
  for (const auto& key : known_keys()) {
    const auto found = config.values.find(key.name);
    if (found == config.values.end()) continue;
    const ConfigEntry& entry = found->second;
    if (key.commands.empty()) {
      if (app.get_option(key.option)->count() == 0) global.db_path = expand_home(entry.value);
      continue;
    }
    for (CLI::App* command : app.get_subcommands()) {
      if (!key.commands.contains(command->get_name())) continue;
      CLI::Option* option = command->get_option_no_throw(key.option);
      if (option == nullptr || option->count() > 0) continue;
      try {
        option->add_result(entry.value);
        option->run_callback();
      } catch (const CLI::Error& e) {
        throw ConfigFileError(config.file + ":" + std::to_string(entry.line) + ": " + key.name + ": " + e.what());
      }
    }
  }
}

void add_config_options(CLI::App& app, GlobalOptions& global) {
  auto* config = app.add_option("--config", global.config_path,
                                "Read defaults from FILE instead of $XDG_CONFIG_HOME/cardscan/config.toml "
                                "(~/.config/cardscan/config.toml)")
                     ->type_name("FILE");
  app.add_flag("--no-config", global.no_config, "Read no config file")->excludes(config);
  app.parse_complete_callback([&app, &global] {
    if (global.no_config) return;
    const bool named = !global.config_path.empty();
    auto loaded = load_config(named ? std::filesystem::path(global.config_path) : default_config_path(), named);
    if (!loaded) throw ConfigFileError(loaded.error());
    apply_config(*loaded, app, global);
  });
}

}  // namespace cardscan::cli
