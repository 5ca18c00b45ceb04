// placeholder: filled in by the cli work
export {};
