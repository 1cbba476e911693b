package org.pujiang.audit;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.pujiang.Roles;
import org.pujiang.api.Problems;
import org.pujiang.audit.CaseEvents.Verification;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** For auditors: is every case's chain of business events intact? */
@RestController
@Tag(name = "审计", description = "业务事件哈希链校验（审计员）")
@SecurityRequirement(name = "basic")
class AuditController {

	private static final List<String> AUDITORS = List.of(Roles.AUDITOR, "camunda-admin");

	private final CaseEvents events;

	AuditController(CaseEvents events) {
		this.events = events;
	}

	@GetMapping("/api/audit/verify")
	@Operation(summary = "校验哈希链", description = "逐案重算每条业务事件的 SHA-256 并核对前后相接，报告第一个断点")
	Verification verify(Authentication authentication) {
		if (authentication.getAuthorities().stream().noneMatch((a) -> AUDITORS.contains(a.getAuthority()))) {
			throw Problems.refuse(HttpStatus.FORBIDDEN, "仅审计员可校验");
		}
		return this.events.verify();
	}

}
