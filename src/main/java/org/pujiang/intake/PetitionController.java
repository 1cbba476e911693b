package org.pujiang.intake;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.pujiang.api.Problems;
import org.pujiang.intake.CaseLookup.CaseView;
import org.pujiang.intake.Intake.Submitted;
import org.pujiang.routing.Categories;
import org.pujiang.routing.Categories.Category;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public door: petitioners register online and follow their case, without logging in. */
@RestController
@RequestMapping("/api")
@Tag(name = "信访人", description = "网上信访登记与办理进度查询（无需登录）")
class PetitionController {

	private final Intake intake;

	private final CaseLookup lookup;

	private final Categories categories;

	PetitionController(Intake intake, CaseLookup lookup, Categories categories) {
		this.intake = intake;
		this.lookup = lookup;
		this.categories = categories;
	}

	@PostMapping("/petitions")
	@Operation(summary = "登记网上信访",
			description = "201：新立案件；200：信访人已有同类未办结案件，本次并入该案件（重复信访）。带 Idempotency-Key 重试时返回第一次的结果。")
	@ApiResponse(responseCode = "201", description = "新立案件；Location 为查询地址",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Registration.class)))
	@ApiResponse(responseCode = "200", description = "信访人已有同类未办结案件，本次登记并入该案件（重复信访）",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = Registration.class)))
	@ApiResponse(responseCode = "422", description = "该 Idempotency-Key 已用于另一份不同的登记",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = Problems.SCHEMA)))
	ResponseEntity<Registration> register(@RequestBody PetitionRequest request,
			@Parameter(description = "同一份登记的重试使用同一个值（最长100个字符）") @RequestHeader(name = "Idempotency-Key",
					required = false) String idempotencyKey) {
		if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
			throw Problems.refuse(HttpStatus.BAD_REQUEST, "Idempotency-Key", "应为1至100个字符");
		}
		Submitted submitted;
		try {
			submitted = this.intake.submit(request, idempotencyKey);
		}
		catch (DataIntegrityViolationException ex) {
			// The same key sent twice at once: the one that lost answers what the winner stored.
			if (idempotencyKey == null) {
				throw ex;
			}
			submitted = this.intake.replay(idempotencyKey, this.intake.hash(request)).orElseThrow(() -> ex);
		}
		URI lookup = URI.create("/api/petitions/" + submitted.caseNumber());
		Registration body = new Registration(submitted.caseNumber(), submitted.repeat(), lookup.toString(),
				submitted.repeat() ? "您已有同一类别尚未办结的案件，本次登记已并入该案件。" : "登记成功。请凭案件编号和手机号查询办理进度。");
		return submitted.repeat() ? ResponseEntity.ok().location(lookup).body(body)
				: ResponseEntity.created(lookup).body(body);
	}

	@GetMapping("/petitions/{caseNumber}")
	@Operation(summary = "查询办理进度", description = "以登记时的手机号作为第二验证；案件不存在或手机号不符时一律答复404。")
	@ApiResponse(responseCode = "200", description = "案件的办理进度",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CaseView.class)))
	@ApiResponse(responseCode = "404", description = "案件不存在，或手机号与登记时的不符",
			content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE, schema = @Schema(ref = Problems.SCHEMA)))
	ResponseEntity<CaseView> find(@PathVariable String caseNumber,
			@Parameter(description = "登记时的手机号") @RequestHeader("X-Phone") String phone) {
		return this.lookup.find(caseNumber, phone)
			.map(ResponseEntity::ok)
			.orElseThrow(() -> Problems.refuse(HttpStatus.NOT_FOUND, "没有找到与该手机号对应的案件 " + caseNumber));
	}

	@GetMapping("/categories")
	@Operation(summary = "信访类别", description = "分流决策表（CaseRouting）认识的类别")
	List<Category> categories() {
		return this.categories.all();
	}

	@Schema(description = "登记结果")
	record Registration(@Schema(description = "案件编号") String caseNumber,
			@Schema(description = "是否为重复信访（并入已有案件）") boolean repeat,
			@Schema(description = "查询地址") String lookup, @Schema(description = "说明") String message) {
	}

}
