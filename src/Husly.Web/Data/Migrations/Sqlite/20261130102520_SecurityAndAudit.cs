using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SecurityAndAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Residents_IdentityNumber",
                table: "Residents");

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Transfers",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<Guid>(
                name: "SubmissionId",
                table: "Enrolments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "ResidentId",
                table: "EmergencyAccesses",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "ResidentDistrictId",
                table: "EmergencyAccesses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResidentReviewNote",
                table: "EmergencyAccesses",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResidentReviewedAt",
                table: "EmergencyAccesses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ResidentReviewedById",
                table: "EmergencyAccesses",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SubmissionId",
                table: "DeliveredHours",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MustChangePassword",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "KeyId",
                table: "AccessLog",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReasonErasure",
                table: "AccessLog",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PossibleDuplicates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegisteredInDistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegisteredById = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExistingResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExistingDistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExistingProtected = table.Column<bool>(type: "INTEGER", nullable: false),
                    DetectedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PossibleDuplicates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResidentChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OldValue = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    NewValue = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResidentChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Residents_IdentityNumber",
                table: "Residents",
                column: "IdentityNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Enrolments_SubmissionId",
                table: "Enrolments",
                column: "SubmissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EmergencyAccesses_ResidentDistrictId_ResidentReviewedAt",
                table: "EmergencyAccesses",
                columns: new[] { "ResidentDistrictId", "ResidentReviewedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveredHours_SubmissionId",
                table: "DeliveredHours",
                column: "SubmissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PossibleDuplicates_ExistingDistrictId_ResolvedAt",
                table: "PossibleDuplicates",
                columns: new[] { "ExistingDistrictId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PossibleDuplicates_ExistingResidentId",
                table: "PossibleDuplicates",
                column: "ExistingResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_PossibleDuplicates_RegisteredInDistrictId_ResolvedAt",
                table: "PossibleDuplicates",
                columns: new[] { "RegisteredInDistrictId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PossibleDuplicates_ResidentId",
                table: "PossibleDuplicates",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_ResidentChanges_ResidentId_ChangedAt",
                table: "ResidentChanges",
                columns: new[] { "ResidentId", "ChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_UserId_EndedAt",
                table: "UserSessions",
                columns: new[] { "UserId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PossibleDuplicates");

            migrationBuilder.DropTable(
                name: "ResidentChanges");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropIndex(
                name: "IX_Residents_IdentityNumber",
                table: "Residents");

            migrationBuilder.DropIndex(
                name: "IX_Enrolments_SubmissionId",
                table: "Enrolments");

            migrationBuilder.DropIndex(
                name: "IX_EmergencyAccesses_ResidentDistrictId_ResidentReviewedAt",
                table: "EmergencyAccesses");

            migrationBuilder.DropIndex(
                name: "IX_DeliveredHours_SubmissionId",
                table: "DeliveredHours");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Transfers");

            migrationBuilder.DropColumn(
                name: "SubmissionId",
                table: "Enrolments");

            migrationBuilder.DropColumn(
                name: "ResidentDistrictId",
                table: "EmergencyAccesses");

            migrationBuilder.DropColumn(
                name: "ResidentReviewNote",
                table: "EmergencyAccesses");

            migrationBuilder.DropColumn(
                name: "ResidentReviewedAt",
                table: "EmergencyAccesses");

            migrationBuilder.DropColumn(
                name: "ResidentReviewedById",
                table: "EmergencyAccesses");

            migrationBuilder.DropColumn(
                name: "SubmissionId",
                table: "DeliveredHours");

            migrationBuilder.DropColumn(
                name: "MustChangePassword",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "KeyId",
                table: "AccessLog");

            migrationBuilder.DropColumn(
                name: "ReasonErasure",
                table: "AccessLog");

            migrationBuilder.AlterColumn<Guid>(
                name: "ResidentId",
                table: "EmergencyAccesses",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Residents_IdentityNumber",
                table: "Residents",
                column: "IdentityNumber",
                unique: true);
        }
    }
}
