## The demo: the fictitious partners' sources, collected on first start.

runs-trigger-demo = first start of the demo
