// Sync state: what `cardscan sync` put on CardDAV/CalDAV servers, so the
// next sync sends only what changed and never overwrites a server-side edit.

#include <chrono>

#include "store/local_time.hpp"
#include "store/store.hpp"
#include "store/store_impl.hpp"

namespace cardscan::store {

std::vector<SyncResource> Store::sync_resources(const std::string& collection) {
  auto& st = impl_->db.prepare(
      "SELECT collection, uid, kind, href, etag, sent_hash, pending_hash FROM sync_resources "
      "WHERE collection = ?1 ORDER BY id");
  st.bind(1, collection);
  std::vector<SyncResource> out;
  while (st.step()) {
    out.push_back({st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3), st.column_text(4),
                   st.column_text(5), st.column_text(6)});
  }
  return out;
}

void Store::save_sync_resource(const SyncResource& r) {
  auto& st = impl_->db.prepare(
      "INSERT INTO sync_resources (collection, uid, kind, href, etag, sent_hash, pending_hash, synced_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (collection, uid) DO UPDATE SET kind = ?3, href = ?4, "
      "etag = ?5, sent_hash = ?6, pending_hash = ?7, synced_at = ?8");
  st.bind(1, r.collection)
      .bind(2, r.uid)
      .bind(3, r.kind)
      .bind(4, r.href)
      .bind(5, r.etag)
      .bind(6, r.sent_hash)
      .bind(7, r.pending_hash)
      .bind(8, format_utc_iso(to_epoch(std::chrono::system_clock::now())));
  st.run();
}

void Store::forget_sync_resource(const std::string& collection, const std::string& uid) {
  auto& st = impl_->db.prepare("DELETE FROM sync_resources WHERE collection = ?1 AND uid = ?2");
  st.bind(1, collection).bind(2, uid);
  st.run();
}

}  // namespace cardscan::store
