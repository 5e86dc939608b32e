using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Membership.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Certifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConferenceAttendances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    AttendedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConferenceAttendances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConferenceAttendances_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Courses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsAssociationCourse = table.Column<bool>(type: "INTEGER", nullable: false),
                    CertificateValidityMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Courses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InServiceTrainings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InServiceTrainings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InServiceTrainings_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PractitionerRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumYearsAsSro = table.Column<int>(type: "INTEGER", nullable: false),
                    AssociationBasicOnlyFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FurtherTrainingMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    TrainingWindowYears = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumConferences = table.Column<int>(type: "INTEGER", nullable: false),
                    DesignationValidityMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PractitionerRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VerificationConsents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    GrantedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationConsents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerificationConsents_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VerificationConsents_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VerificationLog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Query = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Found = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VerificationCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 201, nullable: false),
                    HolderLastNameKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SuspendedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SuspensionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevocationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ReplacedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Certificates_Certificates_ReplacedById",
                        column: x => x.ReplacedById,
                        principalTable: "Certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Certificates_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Certificates_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CourseOfferings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StateCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: false),
                    HostAgencyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseOfferings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseOfferings_Agencies_HostAgencyId",
                        column: x => x.HostAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseOfferings_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseOfferings_States_StateCode",
                        column: x => x.StateCode,
                        principalTable: "States",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PractitionerApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReviewedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PractitionerApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PractitionerApplications_Certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "Certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PractitionerApplications_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CourseCompletions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CertificateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseCompletions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CourseCompletions_Certificates_CertificateId",
                        column: x => x.CertificateId,
                        principalTable: "Certificates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseCompletions_CourseOfferings_OfferingId",
                        column: x => x.OfferingId,
                        principalTable: "CourseOfferings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseCompletions_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseCompletions_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CourseInstructor",
                columns: table => new
                {
                    OfferingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CourseInstructor", x => new { x.OfferingId, x.MemberId });
                    table.ForeignKey(
                        name: "FK_CourseInstructor_CourseOfferings_OfferingId",
                        column: x => x.OfferingId,
                        principalTable: "CourseOfferings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CourseInstructor_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "Courses",
                columns: new[] { "Id", "Category", "CertificateValidityMonths", "Code", "CreatedAt", "DurationMinutes", "IsActive", "IsAssociationCourse", "Name", "Provider", "UpdatedAt" },
                values: new object[,]
                {
                    { new Guid("0197a100-0000-7000-8000-000000000001"), "BasicSro", null, "BASIC-SRO", 1309317267456000000L, 2400, true, true, "Basic School Resource Officer", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000002"), "AdvancedSro", null, "ADVANCED-SRO", 1309317267456000000L, 1440, true, true, "Advanced School Resource Officer", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000003"), "SupervisorsManagement", null, "SRO-SUPERVISORS", 1309317267456000000L, 1440, true, true, "SRO Supervisors and Management", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000004"), "SchoolSafetyOfficer", null, "SSO", 1309317267456000000L, 1440, true, true, "School Safety Officer", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000005"), "Cpted", null, "CPTED", 1309317267456000000L, 1440, true, true, "Crime Prevention Through Environmental Design", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000006"), "AdolescentMentalHealth", 36, "AMHT", 1309317267456000000L, 480, true, true, "Adolescent Mental Health Training", "The association", 1309317267456000000L },
                    { new Guid("0197a100-0000-7000-8000-000000000007"), "ProjectUnite", null, "PROJECT-UNITE", 1309317267456000000L, 480, true, true, "Project Unite", "The association", 1309317267456000000L }
                });

            migrationBuilder.InsertData(
                table: "NumberSequences",
                columns: new[] { "Name", "LastValue" },
                values: new object[] { "certificate", 0L });

            migrationBuilder.InsertData(
                table: "PractitionerRules",
                columns: new[] { "Id", "AssociationBasicOnlyFrom", "DesignationValidityMonths", "FurtherTrainingMinutes", "MinimumConferences", "MinimumYearsAsSro", "TrainingWindowYears", "UpdatedAt" },
                values: new object[] { 1, new DateOnly(2023, 1, 1), null, 9600, 1, 3, 10, 1309317267456000000L });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_CourseId",
                table: "Certificates",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_MemberId_IssuedOn",
                table: "Certificates",
                columns: new[] { "MemberId", "IssuedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Number",
                table: "Certificates",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_ReplacedById",
                table: "Certificates",
                column: "ReplacedById");

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_VerificationCode",
                table: "Certificates",
                column: "VerificationCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConferenceAttendances_MemberId_Year",
                table: "ConferenceAttendances",
                columns: new[] { "MemberId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CourseCompletions_CertificateId",
                table: "CourseCompletions",
                column: "CertificateId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CourseCompletions_CourseId",
                table: "CourseCompletions",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseCompletions_MemberId_CourseId_CompletedOn",
                table: "CourseCompletions",
                columns: new[] { "MemberId", "CourseId", "CompletedOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CourseCompletions_OfferingId",
                table: "CourseCompletions",
                column: "OfferingId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseInstructor_MemberId",
                table: "CourseInstructor",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseOfferings_CourseId_StartsOn",
                table: "CourseOfferings",
                columns: new[] { "CourseId", "StartsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CourseOfferings_HostAgencyId",
                table: "CourseOfferings",
                column: "HostAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_CourseOfferings_StartsOn",
                table: "CourseOfferings",
                column: "StartsOn");

            migrationBuilder.CreateIndex(
                name: "IX_CourseOfferings_StateCode",
                table: "CourseOfferings",
                column: "StateCode");

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Category_IsActive",
                table: "Courses",
                columns: new[] { "Category", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_Courses_Code",
                table: "Courses",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InServiceTrainings_MemberId_CompletedOn",
                table: "InServiceTrainings",
                columns: new[] { "MemberId", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_InServiceTrainings_Status_SubmittedAt",
                table: "InServiceTrainings",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PractitionerApplications_CertificateId",
                table: "PractitionerApplications",
                column: "CertificateId");

            migrationBuilder.CreateIndex(
                name: "IX_PractitionerApplications_MemberId_SubmittedAt",
                table: "PractitionerApplications",
                columns: new[] { "MemberId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PractitionerApplications_Status_SubmittedAt",
                table: "PractitionerApplications",
                columns: new[] { "Status", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationConsents_AgencyId_WithdrawnAt_MemberId",
                table: "VerificationConsents",
                columns: new[] { "AgencyId", "WithdrawnAt", "MemberId" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationConsents_MemberId_AgencyId",
                table: "VerificationConsents",
                columns: new[] { "MemberId", "AgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationLog_AgencyId_At",
                table: "VerificationLog",
                columns: new[] { "AgencyId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationLog_At",
                table: "VerificationLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_VerificationLog_CertificateId_At",
                table: "VerificationLog",
                columns: new[] { "CertificateId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationLog_MemberId_At",
                table: "VerificationLog",
                columns: new[] { "MemberId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConferenceAttendances");

            migrationBuilder.DropTable(
                name: "CourseCompletions");

            migrationBuilder.DropTable(
                name: "CourseInstructor");

            migrationBuilder.DropTable(
                name: "InServiceTrainings");

            migrationBuilder.DropTable(
                name: "PractitionerApplications");

            migrationBuilder.DropTable(
                name: "PractitionerRules");

            migrationBuilder.DropTable(
                name: "VerificationConsents");

            migrationBuilder.DropTable(
                name: "VerificationLog");

            migrationBuilder.DropTable(
                name: "CourseOfferings");

            migrationBuilder.DropTable(
                name: "Certificates");

            migrationBuilder.DropTable(
                name: "Courses");

            migrationBuilder.DeleteData(
                table: "NumberSequences",
                keyColumn: "Name",
                keyValue: "certificate");
        }
    }
}
