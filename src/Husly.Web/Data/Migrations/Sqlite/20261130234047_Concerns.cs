using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Concerns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ConcernId",
                table: "AccessLog",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Concerns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceiptHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PersonName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    PersonDescription = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WhatSeen = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Urgency = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Relation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RelationOther = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReporterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReporterPhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReporterEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReporterUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReporterOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EscalatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimedById = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClaimedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClaimedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    AssessmentNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    FirstContactAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OutcomeReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReferredTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Concerns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Concerns_Organisations_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Concerns_Organisations_ReporterOrganisationId",
                        column: x => x.ReporterOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PostcodeDistricts",
                columns: table => new
                {
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostcodeDistricts", x => x.Postcode);
                    table.ForeignKey(
                        name: "FK_PostcodeDistricts_Organisations_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RentAlertRules",
                columns: table => new
                {
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ArrearsMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    ArrearsAmount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: true),
                    Petition = table.Column<bool>(type: "INTEGER", nullable: false),
                    NewTenancyMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    DeadlineDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PetitionDeadlineDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RentAlertRules", x => x.DistrictId);
                });

            migrationBuilder.CreateTable(
                name: "RentAlerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenancyId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TenantName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssignedToId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IsOpen = table.Column<bool>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OutcomeNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RentAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RentAlerts_Organisations_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RentImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    TotalRows = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcessedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    AlertsCreated = table.Column<int>(type: "INTEGER", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RentImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RentLedgerLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TenancyId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    IdentityNumberHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IdentityNumberCipher = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    TenantName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Postcode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    TenancyStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RentDue = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Paid = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Balance = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    PetitionOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RentLedgerLines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConcernAdditions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConcernId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernAdditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernAdditions_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConcernEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConcernId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernEvents_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConcernMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConcernId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Participants = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    ExternalPartners = table.Column<bool>(type: "INTEGER", nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ConsentNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Agreed = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConcernMeetings_Concerns_ConcernId",
                        column: x => x.ConcernId,
                        principalTable: "Concerns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RentImportRejections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Row = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RentImportRejections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RentImportRejections_RentImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "RentImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessLog_ConcernId_At",
                table: "AccessLog",
                columns: new[] { "ConcernId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernAdditions_ConcernId_At",
                table: "ConcernAdditions",
                columns: new[] { "ConcernId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernEvents_ConcernId_At",
                table: "ConcernEvents",
                columns: new[] { "ConcernId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernMeetings_ConcernId",
                table: "ConcernMeetings",
                column: "ConcernId");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_DistrictId_Status_ReportedAt",
                table: "Concerns",
                columns: new[] { "DistrictId", "Status", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_ReceiptHash",
                table: "Concerns",
                column: "ReceiptHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_ReporterOrganisationId",
                table: "Concerns",
                column: "ReporterOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_ResidentId",
                table: "Concerns",
                column: "ResidentId");

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_Status_DueAt",
                table: "Concerns",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Concerns_SubmissionId",
                table: "Concerns",
                column: "SubmissionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PostcodeDistricts_DistrictId",
                table: "PostcodeDistricts",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_RentAlerts_AssignedToId_IsOpen",
                table: "RentAlerts",
                columns: new[] { "AssignedToId", "IsOpen" });

            migrationBuilder.CreateIndex(
                name: "IX_RentAlerts_DistrictId_IsOpen_DueAt",
                table: "RentAlerts",
                columns: new[] { "DistrictId", "IsOpen", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RentAlerts_TenancyId_Kind_Period",
                table: "RentAlerts",
                columns: new[] { "TenancyId", "Kind", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RentImportRejections_ImportId_Row",
                table: "RentImportRejections",
                columns: new[] { "ImportId", "Row" });

            migrationBuilder.CreateIndex(
                name: "IX_RentImports_FileHash",
                table: "RentImports",
                column: "FileHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RentLedgerLines_IdentityNumberHash",
                table: "RentLedgerLines",
                column: "IdentityNumberHash");

            migrationBuilder.CreateIndex(
                name: "IX_RentLedgerLines_TenancyId_Period",
                table: "RentLedgerLines",
                columns: new[] { "TenancyId", "Period" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConcernAdditions");

            migrationBuilder.DropTable(
                name: "ConcernEvents");

            migrationBuilder.DropTable(
                name: "ConcernMeetings");

            migrationBuilder.DropTable(
                name: "PostcodeDistricts");

            migrationBuilder.DropTable(
                name: "RentAlertRules");

            migrationBuilder.DropTable(
                name: "RentAlerts");

            migrationBuilder.DropTable(
                name: "RentImportRejections");

            migrationBuilder.DropTable(
                name: "RentLedgerLines");

            migrationBuilder.DropTable(
                name: "Concerns");

            migrationBuilder.DropTable(
                name: "RentImports");

            migrationBuilder.DropIndex(
                name: "IX_AccessLog_ConcernId_At",
                table: "AccessLog");

            migrationBuilder.DropColumn(
                name: "ConcernId",
                table: "AccessLog");
        }
    }
}
