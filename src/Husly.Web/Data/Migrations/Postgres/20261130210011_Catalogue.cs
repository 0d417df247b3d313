using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Husly.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Catalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Municipalities",
                columns: table => new
                {
                    Number = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CountyNumber = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    CountyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Municipalities", x => x.Number);
                });

            migrationBuilder.CreateTable(
                name: "Solutions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Problem = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StaffNeeds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CostNeeds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PartnerNeeds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    HowToStart = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OrganisationForm = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Category = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Phase = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    MunicipalityNumber = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromYear = table.Column<int>(type: "integer", nullable: true),
                    ToYear = table.Column<int>(type: "integer", nullable: true),
                    Contact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ContactPersonConsented = table.Column<bool>(type: "boolean", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    FirstPublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedVersion = table.Column<int>(type: "integer", nullable: false),
                    WithdrawnReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SearchTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SearchBody = table.Column<string>(type: "character varying(30000)", maxLength: 30000, nullable: false),
                    StemsTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SearchKey = table.Column<long>(type: "bigint", nullable: false),
                    StemsBody = table.Column<string>(type: "character varying(30000)", maxLength: 30000, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Solutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Solutions_Municipalities_MunicipalityNumber",
                        column: x => x.MunicipalityNumber,
                        principalTable: "Municipalities",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Solutions_Organisations_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Organisations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Solutions_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Solutions_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Adoptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityNumber = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: true),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AdoptedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Changes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StoppedReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Contact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Adoptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Adoptions_Municipalities_MunicipalityNumber",
                        column: x => x.MunicipalityNumber,
                        principalTable: "Municipalities",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Adoptions_Organisations_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "Organisations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Adoptions_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Adoptions_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SolutionEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    State = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SolutionEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SolutionEvents_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SolutionIndicators",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    ResultText = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SolutionIndicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SolutionIndicators_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SolutionSlugs",
                columns: table => new
                {
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SolutionSlugs", x => x.Slug);
                    table.ForeignKey(
                        name: "FK_SolutionSlugs_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SolutionTargetGroups",
                columns: table => new
                {
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    TargetGroupId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SolutionTargetGroups", x => new { x.SolutionId, x.TargetGroupId });
                    table.ForeignKey(
                        name: "FK_SolutionTargetGroups_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SolutionTargetGroups_TargetGroups_TargetGroupId",
                        column: x => x.TargetGroupId,
                        principalTable: "TargetGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AdoptionResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AdoptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    IndicatorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdoptionResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdoptionResults_Adoptions_AdoptionId",
                        column: x => x.AdoptionId,
                        principalTable: "Adoptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AdoptionResults_SolutionIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "SolutionIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SolutionLessons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SolutionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    IndicatorId = table.Column<Guid>(type: "uuid", nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SolutionLessons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SolutionLessons_SolutionIndicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "SolutionIndicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_SolutionLessons_Solutions_SolutionId",
                        column: x => x.SolutionId,
                        principalTable: "Solutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "Municipalities",
                columns: new[] { "Number", "CountyName", "CountyNumber", "Name" },
                values: new object[,]
                {
                    { "0301", "Oslo", "03", "Oslo" },
                    { "1101", "Rogaland", "11", "Eigersund" },
                    { "1103", "Rogaland", "11", "Stavanger" },
                    { "1106", "Rogaland", "11", "Haugesund" },
                    { "1108", "Rogaland", "11", "Sandnes" },
                    { "1124", "Rogaland", "11", "Sola" },
                    { "1149", "Rogaland", "11", "Karmøy" },
                    { "1505", "Møre og Romsdal", "15", "Kristiansund" },
                    { "1506", "Møre og Romsdal", "15", "Molde" },
                    { "1508", "Møre og Romsdal", "15", "Ålesund" },
                    { "1804", "Nordland", "18", "Bodø" },
                    { "1806", "Nordland", "18", "Narvik" },
                    { "1833", "Nordland", "18", "Rana" },
                    { "1865", "Nordland", "18", "Vågan" },
                    { "3101", "Østfold", "31", "Halden" },
                    { "3103", "Østfold", "31", "Moss" },
                    { "3105", "Østfold", "31", "Sarpsborg" },
                    { "3107", "Østfold", "31", "Fredrikstad" },
                    { "3201", "Akershus", "32", "Bærum" },
                    { "3203", "Akershus", "32", "Asker" },
                    { "3205", "Akershus", "32", "Lillestrøm" },
                    { "3207", "Akershus", "32", "Nordre Follo" },
                    { "3209", "Akershus", "32", "Ullensaker" },
                    { "3232", "Akershus", "32", "Nittedal" },
                    { "3301", "Buskerud", "33", "Drammen" },
                    { "3303", "Buskerud", "33", "Kongsberg" },
                    { "3305", "Buskerud", "33", "Ringerike" },
                    { "3401", "Innlandet", "34", "Kongsvinger" },
                    { "3403", "Innlandet", "34", "Hamar" },
                    { "3405", "Innlandet", "34", "Lillehammer" },
                    { "3407", "Innlandet", "34", "Gjøvik" },
                    { "3411", "Innlandet", "34", "Ringsaker" },
                    { "3420", "Innlandet", "34", "Elverum" },
                    { "3901", "Vestfold", "39", "Horten" },
                    { "3903", "Vestfold", "39", "Holmestrand" },
                    { "3905", "Vestfold", "39", "Tønsberg" },
                    { "3907", "Vestfold", "39", "Sandefjord" },
                    { "3909", "Vestfold", "39", "Larvik" },
                    { "4001", "Telemark", "40", "Porsgrunn" },
                    { "4003", "Telemark", "40", "Skien" },
                    { "4005", "Telemark", "40", "Notodden" },
                    { "4202", "Agder", "42", "Grimstad" },
                    { "4203", "Agder", "42", "Arendal" },
                    { "4204", "Agder", "42", "Kristiansand" },
                    { "4206", "Agder", "42", "Farsund" },
                    { "4601", "Vestland", "46", "Bergen" },
                    { "5001", "Trøndelag", "50", "Trondheim" },
                    { "5006", "Trøndelag", "50", "Steinkjer" },
                    { "5007", "Trøndelag", "50", "Namsos" },
                    { "5035", "Trøndelag", "50", "Stjørdal" },
                    { "5037", "Trøndelag", "50", "Levanger" },
                    { "5038", "Trøndelag", "50", "Verdal" },
                    { "5501", "Troms", "55", "Tromsø" },
                    { "5503", "Troms", "55", "Harstad" },
                    { "5601", "Finnmark", "56", "Alta" },
                    { "5603", "Finnmark", "56", "Hammerfest" },
                    { "5607", "Finnmark", "56", "Vadsø" }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdoptionResults_AdoptionId_IndicatorId_Year",
                table: "AdoptionResults",
                columns: new[] { "AdoptionId", "IndicatorId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AdoptionResults_IndicatorId",
                table: "AdoptionResults",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_Adoptions_DistrictId",
                table: "Adoptions",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_Adoptions_MunicipalityNumber",
                table: "Adoptions",
                column: "MunicipalityNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Adoptions_OrganisationId",
                table: "Adoptions",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Adoptions_SolutionId",
                table: "Adoptions",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_SolutionEvents_SolutionId_At",
                table: "SolutionEvents",
                columns: new[] { "SolutionId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SolutionIndicators_SolutionId",
                table: "SolutionIndicators",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_SolutionLessons_IndicatorId",
                table: "SolutionLessons",
                column: "IndicatorId");

            migrationBuilder.CreateIndex(
                name: "IX_SolutionLessons_SolutionId",
                table: "SolutionLessons",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_DistrictId",
                table: "Solutions",
                column: "DistrictId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Facets",
                table: "Solutions",
                columns: new[] { "State", "MunicipalityNumber", "OrganisationForm", "Category", "Phase" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_IdFacets",
                table: "Solutions",
                columns: new[] { "Id", "State", "MunicipalityNumber", "OrganisationForm", "Category", "Phase", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_MunicipalityNumber",
                table: "Solutions",
                column: "MunicipalityNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_ProgrammeId",
                table: "Solutions",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_ProjectId",
                table: "Solutions",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_SearchKey_Id",
                table: "Solutions",
                columns: new[] { "SearchKey", "Id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Slug",
                table: "Solutions",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_State_PublishedAt",
                table: "Solutions",
                columns: new[] { "State", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SolutionSlugs_SolutionId",
                table: "SolutionSlugs",
                column: "SolutionId");

            migrationBuilder.CreateIndex(
                name: "IX_SolutionTargetGroups_TargetGroupId",
                table: "SolutionTargetGroups",
                column: "TargetGroupId");

            // Full-text search (not in the EF model): the norwegian configuration weights the title above the rest (ADR 13).
            migrationBuilder.Sql("""
                ALTER TABLE "Solutions" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('norwegian', coalesce("SearchTitle", '')), 'A') ||
                    setweight(to_tsvector('norwegian', coalesce("SearchBody", '')), 'B')) STORED;
                CREATE INDEX "IX_Solutions_SearchVector" ON "Solutions" USING GIN ("SearchVector");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Solutions_SearchVector"; ALTER TABLE "Solutions" DROP COLUMN IF EXISTS "SearchVector";""");

            migrationBuilder.DropTable(
                name: "AdoptionResults");

            migrationBuilder.DropTable(
                name: "SolutionEvents");

            migrationBuilder.DropTable(
                name: "SolutionLessons");

            migrationBuilder.DropTable(
                name: "SolutionSlugs");

            migrationBuilder.DropTable(
                name: "SolutionTargetGroups");

            migrationBuilder.DropTable(
                name: "Adoptions");

            migrationBuilder.DropTable(
                name: "SolutionIndicators");

            migrationBuilder.DropTable(
                name: "Solutions");

            migrationBuilder.DropTable(
                name: "Municipalities");
        }
    }
}
