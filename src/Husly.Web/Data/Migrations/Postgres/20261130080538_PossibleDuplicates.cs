using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PossibleDuplicates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Residents_IdentityNumber",
                table: "Residents");

            migrationBuilder.CreateTable(
                name: "PossibleDuplicates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegisteredInDistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegisteredById = table.Column<Guid>(type: "uuid", nullable: false),
                    ExistingResidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExistingDistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExistingProtected = table.Column<bool>(type: "boolean", nullable: false),
                    DetectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedById = table.Column<Guid>(type: "uuid", nullable: true),
                    Resolution = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Note = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PossibleDuplicates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Residents_IdentityNumber",
                table: "Residents",
                column: "IdentityNumber");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PossibleDuplicates");

            migrationBuilder.DropIndex(
                name: "IX_Residents_IdentityNumber",
                table: "Residents");

            migrationBuilder.CreateIndex(
                name: "IX_Residents_IdentityNumber",
                table: "Residents",
                column: "IdentityNumber",
                unique: true);
        }
    }
}
