using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Outcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConcernRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: true),
                    InTime = table.Column<bool>(type: "INTEGER", nullable: false),
                    Pending = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConcernRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    DistrictId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProjectId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OrganisationForm = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    AgeBand = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    HousingAtStart = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    HousingAtEnd = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Settled = table.Column<bool>(type: "INTEGER", nullable: false),
                    HomeMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    Evictions = table.Column<int>(type: "INTEGER", nullable: false),
                    InstitutionDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PrisonDays = table.Column<int>(type: "INTEGER", nullable: false),
                    TemporaryDays = table.Column<int>(type: "INTEGER", nullable: false),
                    HomelessDays = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedHours = table.Column<double>(type: "REAL", nullable: false),
                    DeliveredHours = table.Column<double>(type: "REAL", nullable: false),
                    FollowUpDays = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AsOf = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Cursor = table.Column<Guid>(type: "TEXT", nullable: true),
                    Total = table.Column<int>(type: "INTEGER", nullable: false),
                    Processed = table.Column<int>(type: "INTEGER", nullable: false),
                    Records = table.Column<int>(type: "INTEGER", nullable: false),
                    ConcernRecords = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutcomeSubjects",
                columns: table => new
                {
                    ResidentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonKey = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutcomeSubjects", x => x.ResidentId);
                });

            migrationBuilder.CreateTable(
                name: "PublishedYears",
                columns: table => new
                {
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedYears", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "SavedAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    MunicipalityNumber = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Population = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedAssessments_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "UnitCosts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Item = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceYear = table.Column<int>(type: "INTEGER", nullable: false),
                    Low = table.Column<int>(type: "INTEGER", nullable: false),
                    Expected = table.Column<int>(type: "INTEGER", nullable: false),
                    High = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    IsExample = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitCosts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConcernRecords_RunId_Year",
                table: "ConcernRecords",
                columns: new[] { "RunId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRecords_RunId_PersonKey",
                table: "OutcomeRecords",
                columns: new[] { "RunId", "PersonKey" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRecords_RunId_Year_DistrictId",
                table: "OutcomeRecords",
                columns: new[] { "RunId", "Year", "DistrictId" });

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRuns_OneRunning",
                table: "OutcomeRuns",
                column: "Status",
                unique: true,
                filter: "\"Status\" = 'Running'");

            migrationBuilder.CreateIndex(
                name: "IX_OutcomeRuns_Status_FinishedAt",
                table: "OutcomeRuns",
                columns: new[] { "Status", "FinishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SavedAssessments_OrganisationId_Year",
                table: "SavedAssessments",
                columns: new[] { "OrganisationId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnitCosts_Item_Version",
                table: "UnitCosts",
                columns: new[] { "Item", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConcernRecords");

            migrationBuilder.DropTable(
                name: "OutcomeRecords");

            migrationBuilder.DropTable(
                name: "OutcomeRuns");

            migrationBuilder.DropTable(
                name: "OutcomeSubjects");

            migrationBuilder.DropTable(
                name: "PublishedYears");

            migrationBuilder.DropTable(
                name: "SavedAssessments");

            migrationBuilder.DropTable(
                name: "UnitCosts");
        }
    }
}
