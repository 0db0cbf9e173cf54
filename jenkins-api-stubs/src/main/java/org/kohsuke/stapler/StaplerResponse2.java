package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

/** Stub of stapler {@code StaplerResponse2} (type only). */
public interface StaplerResponse2 extends HttpServletResponse {}
