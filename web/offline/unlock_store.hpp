#pragma once
// Where the browser keeps the offline unlock record of core/offline/offline_unlock.hpp: IndexedDB,
// beside the offline copy (web/offline/kiosk.js, key 'unlock'), as the record's JSON. Reads are
// asynchronous: the callback runs between frames, like a server reply, and the render loop is woken.
#include <functional>
#include <optional>
#include <string>

#include "core/offline/offline_unlock.hpp"

namespace ivd::web::unlock_store {

// Replaces the record kept on this browser.
void write(const OfflineUnlock& record);
// The record kept on this browser, or nullopt (none, or storage unavailable).
void read(std::function<void(std::optional<OfflineUnlock>)> on_record);

// n random bytes from the browser (crypto.getRandomValues): salts and local session tokens.
std::string random_bytes(size_t n);

}  // namespace ivd::web::unlock_store
