import { describe, expect, it } from "vitest";
import { clampView, followView, MIN_SPAN, panView, zoomView } from "./time-view";

describe("time view", () => {
  it("time view: zooming keeps the anchor where it was on screen", () => {
    const v = zoomView({ t0: 0, t1: 1000 }, 4, 500, 1000);
    expect(v).toEqual({ t0: 375, t1: 625 });
    const w = zoomView({ t0: 0, t1: 1000 }, 2, 100, 1000);
    expect((100 - w.t0) / (w.t1 - w.t0)).toBeCloseTo(0.1);
  });

  it("time view: never zooms past the run or below the narrowest span", () => {
    expect(zoomView({ t0: 0, t1: 1000 }, 0.1, 500, 1000)).toEqual({ t0: 0, t1: 1000 });
    const v = zoomView({ t0: 0, t1: 1000 }, 1e9, 500, 1000);
    expect(v.t1 - v.t0).toBeCloseTo(MIN_SPAN, 9);
  });

  it("time view: panning stops at either end and keeps the width", () => {
    expect(panView({ t0: 100, t1: 300 }, -500, 1000)).toEqual({ t0: 0, t1: 200 });
    expect(panView({ t0: 100, t1: 300 }, 5000, 1000)).toEqual({ t0: 800, t1: 1000 });
    expect(clampView({ t0: NaN, t1: 10 }, 1000).t0).toBe(0);
  });

  it("time view: following the cursor turns a page only when the cursor leaves the view", () => {
    const v = { t0: 0, t1: 100 };
    expect(followView(v, 50, 1000)).toBe(v);
    expect(followView(v, 150, 1000)).toEqual({ t0: 140, t1: 240 });
    expect(followView({ t0: 500, t1: 600 }, 450, 1000)).toEqual({ t0: 360, t1: 460 });
  });
});
