package org.pujiang.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * The outermost filter: a failure that escapes everything else because the database is out of reach is answered
 * 503 with a time to come back, in the form the caller reads — a page for a person opening Tasklist, Cockpit or
 * Admin (their start page asks the engine about its users), a problem document on the public API, and the engine
 * REST API's own error shape elsewhere (its authentication checks the password in the database). Any other failure
 * goes on as before. The answers that the REST resources shape themselves are {@link DatabaseOutageMappers}'.
 */
class DatabaseOutageFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(DatabaseOutageFilter.class);

	private final ObjectMapper json;

	DatabaseOutageFilter(ObjectMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (response.isCommitted() || !DatabaseOutage.outOfReach(ex)) {
				throw ex;
			}
			log.warn("Answered 503 to {} {}, the database being out of reach: {}", request.getMethod(),
					request.getRequestURI(), NestedExceptionUtils.getMostSpecificCause(ex).toString());
			answer(request, response);
		}
	}

	private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		response.reset();
		response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(DatabaseOutage.RETRY_AFTER_SECONDS));
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		byte[] body;
		if (path.startsWith("/api/")) {
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			problem.put("title", DatabaseOutage.TITLE);
			problem.put("status", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			problem.put("detail", DatabaseOutage.MESSAGE);
			problem.put("instance", path);
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			body = this.json.writeValueAsBytes(problem);
		}
		else if (wantsPage(request)) {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			body = page().getBytes(StandardCharsets.UTF_8);
		}
		else {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			body = this.json.writeValueAsBytes(DatabaseOutageMappers.error());
		}
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	/** A browser asking for a page: Tasklist's, Cockpit's or Admin's start page. */
	private static boolean wantsPage(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		return "GET".equals(request.getMethod()) && accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
	}

	private static String page() {
		return """
				<!DOCTYPE html>
				<html lang="zh-CN">
				<head><meta charset="utf-8"><meta http-equiv="refresh" content="%1$d"><title>%2$s</title></head>
				<body>
				<h1>%2$s</h1>
				<p>%3$s。本页每 %1$d 秒自动刷新。</p>
				</body>
				</html>
				""".formatted(DatabaseOutage.RETRY_AFTER_SECONDS, HtmlUtils.htmlEscape(DatabaseOutage.TITLE),
				HtmlUtils.htmlEscape(DatabaseOutage.MESSAGE));
	}

}
