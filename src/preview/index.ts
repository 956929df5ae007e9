// Placeholder entry so the add-in build has a preview page; replaced by the real preview (issue 3).
export {};
