"""Repeatable benchmarks of policybot: `python -m bench` or `policybot bench`.

The machines this runs on are shared and noisy, so every figure is reported next to a
baseline measured in the same run (one embedding call, a naive pipeline, /healthz, the
bare model), and targets are judged on the figure with its ratio beside it.
"""
