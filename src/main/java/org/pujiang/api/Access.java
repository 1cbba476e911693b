package org.pujiang.api;

import java.util.Arrays;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The one check the API's role-bound endpoints make: is the caller in one of these groups? Else 403. */
public final class Access {

	private Access() {
	}

	public static void requireAny(Authentication authentication, String refusal, String... groups) {
		boolean allowed = authentication != null && authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(Arrays.asList(groups)::contains);
		if (!allowed) {
			throw Problems.refuse(HttpStatus.FORBIDDEN, refusal);
		}
	}

}
