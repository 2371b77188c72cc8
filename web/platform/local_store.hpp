#pragma once
// Browser storage that survives a reload, a closed tab and a dropped connection: one IndexedDB object
// store of text values by key (the sheet's working copies). Every put is its own transaction,
// committed at once (tx.commit()), so a tab closed right after a user action keeps it
// (see the toolchain notes: debounced writes lose the last one). Reads are asynchronous: the callback
// runs between frames, like a server reply, and the render loop is woken.
#include <functional>
#include <optional>
#include <string>

namespace ivd::web::local_store {

// Stores value under key (replaces). Writes are applied in call order.
void put(const std::string& key, const std::string& value);
void remove(const std::string& key);
// Reads key; on_value gets the text, or nullopt when absent or storage is unavailable.
void get(const std::string& key, std::function<void(std::optional<std::string>)> on_value);

}  // namespace ivd::web::local_store
