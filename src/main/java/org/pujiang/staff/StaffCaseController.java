package org.pujiang.staff;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.pujiang.api.Problems;
import org.pujiang.petition.CaseStatus;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** What staff need beyond Tasklist: finding cases and reading a case's whole record, within their role. */
@RestController
@RequestMapping("/api/staff/cases")
@Tag(name = "工作人员", description = "案件检索与案件全貌（需登录，按岗位授权）")
@SecurityRequirement(name = "basic")
class StaffCaseController {

	private static final int MAX_PAGE_SIZE = 100;

	private final StaffCases cases;

	StaffCaseController(StaffCases cases) {
		this.cases = cases;
	}

	@GetMapping
	@Operation(summary = "检索案件", description = "按案件编号、信访人姓名、责任单位、状态检索；只返回本岗位可见的案件。")
	Page<CaseSummary> search(Authentication authentication, @RequestParam(required = false) String caseNumber,
			@RequestParam(required = false) String petitioner, @RequestParam(required = false) String unit,
			@RequestParam(required = false) CaseStatus status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0) {
			throw Problems.refuse(HttpStatus.BAD_REQUEST, "page", "不能为负数");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw Problems.refuse(HttpStatus.BAD_REQUEST, "size", "应为1至" + MAX_PAGE_SIZE);
		}
		return this.cases.search(this.cases.viewer(authentication), caseNumber, petitioner, unit, status,
				PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "registeredAt")));
	}

	@GetMapping("/{caseNumber}")
	@Operation(summary = "案件全貌", description = "登记、分流、接访、交办、督办、答复、回访的全部记录；身份证号码除登记员本人外一律脱敏。")
	CaseRecord record(Authentication authentication, @PathVariable String caseNumber) {
		try {
			return this.cases.record(this.cases.viewer(authentication), caseNumber)
				.orElseThrow(() -> Problems.refuse(HttpStatus.NOT_FOUND, "没有案件 " + caseNumber));
		}
		catch (StaffCases.NotVisible ex) {
			throw Problems.refuse(HttpStatus.FORBIDDEN, "无权查看案件 " + caseNumber);
		}
	}

}
