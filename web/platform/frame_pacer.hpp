#pragma once
// Render on demand: a frame is drawn only when something happened since the last one (input event,
// network reply, timer, resize) and for a short tail afterwards, so ImGui can settle (hover states,
// popups that size themselves over two frames, trickled input events). An idle tab draws nothing.

namespace ivd::web {

class FramePacer {
 public:
  // Something happened at time now (seconds): draw at least `frames` more frames and keep drawing
  // until now + seconds.
  void wake(double now, int frames = 4, double seconds = 0.25) {
    if (frames > frames_left_) frames_left_ = frames;
    if (now + seconds > until_) until_ = now + seconds;
  }
  bool want_frame(double now) const { return frames_left_ > 0 || now < until_; }
  void frame_drawn() {
    if (frames_left_ > 0) --frames_left_;
  }

 private:
  int frames_left_ = 0;
  double until_ = 0;
};

}  // namespace ivd::web
