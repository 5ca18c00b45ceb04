// placeholder: filled in by the bridge work
export {};
