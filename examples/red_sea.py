#!/usr/bin/env python3
"""The Red Sea closure from Python: TEU by corridor, rail and sea, before and after (docs/python.md).

    PYTHONPATH=build/python python3 examples/red_sea.py [OUT.png]

Runs the freight model on the embedded network with and without the built-in scenario
red-sea-closure (as `landbridge compare --scenario red-sea-closure`) and draws the yearly TEU of each
corridor in both runs, rail and sea side by side, to a PNG (default: red-sea.png).
"""
import sys

import matplotlib

matplotlib.use("Agg")  # no display needed
import matplotlib.pyplot as plt  # noqa: E402

import landbridge  # noqa: E402


def main(out: str = "red-sea.png") -> None:
    comparison = landbridge.compare(["red-sea-closure"])
    corridors = comparison.corridors  # one row per corridor: mode, teu_baseline, teu_scenario, teu_delta, ...
    rail_share = comparison.modes.loc["rail", ["share_baseline", "share_scenario"]] * 100

    figure, axes = plt.subplots(1, 2, figsize=(11, 4.6), gridspec_kw={"width_ratios": [2, 1]})
    for ax, mode, scale, unit in [(axes[0], "rail", 1e3, "thousand"), (axes[1], "sea", 1e6, "million")]:
        teu = corridors.loc[corridors["mode"] == mode, ["teu_baseline", "teu_scenario"]] / scale
        teu.columns = ["2023 baseline", "Red Sea closed"]
        teu.plot.bar(ax=ax, color=["#7a8b99", "#c0392b"], rot=0, width=0.75, legend=mode == "rail")
        ax.set_title(f"{mode} corridors")
        ax.set_xlabel("")
        ax.set_ylabel(f"{unit} TEU per year")
        ax.grid(axis="y", alpha=0.3)
        for bars in ax.containers:
            ax.bar_label(bars, fmt="%.0f" if mode == "rail" else "%.1f", fontsize=8, padding=2)
        ax.margins(y=0.15)
    axes[0].legend(loc="upper left")
    figure.suptitle(f"landbridge: the Red Sea closed, China–EU containers by corridor "
                    f"(rail share {rail_share.iloc[0]:.1f} % → {rail_share.iloc[1]:.1f} %)")
    figure.tight_layout()
    figure.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
