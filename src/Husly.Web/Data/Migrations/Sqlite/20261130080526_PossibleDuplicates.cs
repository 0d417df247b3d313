using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Sqlite
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
                    Note = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
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
