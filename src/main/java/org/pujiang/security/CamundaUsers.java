package org.pujiang.security;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Staff log in with their Camunda user and password; their Camunda groups (roles and units) become their
 * authorities. One directory for Tasklist, the engine's REST API and the staff API.
 */
@Component
class CamundaUsers implements AuthenticationProvider {

	private final IdentityService identities;

	CamundaUsers(IdentityService identities) {
		this.identities = identities;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String user = authentication.getName();
		Object password = authentication.getCredentials();
		if (user == null || password == null || !this.identities.checkPassword(user, password.toString())) {
			throw new BadCredentialsException("用户名或密码不正确");
		}
		List<SimpleGrantedAuthority> groups = this.identities.createGroupQuery()
			.groupMember(user)
			.list()
			.stream()
			.map(Group::getId)
			.map(SimpleGrantedAuthority::new)
			.toList();
		return UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
