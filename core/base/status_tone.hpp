#pragma once
// How a status reads at a glance, for its colour, shared by every workflow (IVD sheets and reports,
// supply feedback) so the same state of affairs has the same colour everywhere. The screens map a tone
// to a colour (web theme::kStatusTone, indexed by the tone): neutral (nothing done yet / not
// concerned), progress (under way, waiting for someone), ok (done, accepted), bad (refused, taken back
// or failed: someone must act).
namespace ivd {

enum class StatusTone { neutral, progress, ok, bad };

}  // namespace ivd
