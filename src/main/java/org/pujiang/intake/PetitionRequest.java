package org.pujiang.intake;

import io.swagger.v3.oas.annotations.media.Schema;

/** A petition filed online by the petitioner. Validated as a whole by the registration; see {@link Intake}. */
@Schema(description = "网上信访登记")
public record PetitionRequest(
		@Schema(description = "信访人（代表）", requiredMode = Schema.RequiredMode.REQUIRED) PetitionerData petitioner,
		@Schema(description = "来访人数，5人及以上为集体访", example = "1", requiredMode = Schema.RequiredMode.REQUIRED) Integer personsCount,
		@Schema(description = "信访类别，见 GET /api/categories", example = "LABOUR_WAGES",
				requiredMode = Schema.RequiredMode.REQUIRED) String category,
		@Schema(description = "事项摘要，最多2000字", requiredMode = Schema.RequiredMode.REQUIRED) String summary,
		@Schema(description = "信访诉求，最多2000字", requiredMode = Schema.RequiredMode.REQUIRED) String request,
		@Schema(description = "预登记参加的接访日编号，见 GET /api/reception-days") Long receptionDay,
		@Schema(description = "被举报控告的单位编码（如有）；该单位不会办理、也看不到本案", example = "unit-land") String accusedUnit) {

	/** The petitioner's personal data: kept in the case record only, never shown back through this API. */
	@Schema(description = "信访人")
	public record PetitionerData(
			@Schema(description = "姓名", requiredMode = Schema.RequiredMode.REQUIRED) String name,
			@Schema(description = "18位身份证号码（GB 11643 校验）", requiredMode = Schema.RequiredMode.REQUIRED) String residentId,
			@Schema(description = "11位手机号码，查询进度时作为第二验证", example = "13800138000",
					requiredMode = Schema.RequiredMode.REQUIRED) String phone,
			@Schema(description = "电子邮箱（可选），有则以邮件通知") String email) {
	}

}
