package hudson.search;

/** Stub of core {@code hudson.search.SearchItem} (type only; search members omitted). */
public interface SearchItem {}
