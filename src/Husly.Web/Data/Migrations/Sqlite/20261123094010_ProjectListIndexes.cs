using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProjectListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Projects_IsArchived_Name",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_Status",
                table: "Projects");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Name_IsArchived",
                table: "Projects",
                columns: new[] { "Name", "IsArchived" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_StartDate_Name_IsArchived",
                table: "Projects",
                columns: new[] { "StartDate", "Name", "IsArchived" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Status_Name_IsArchived",
                table: "Projects",
                columns: new[] { "Status", "Name", "IsArchived" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Status_StartDate_Name_IsArchived",
                table: "Projects",
                columns: new[] { "Status", "StartDate", "Name", "IsArchived" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Projects_Name_IsArchived",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_StartDate_Name_IsArchived",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_Status_Name_IsArchived",
                table: "Projects");

            migrationBuilder.DropIndex(
                name: "IX_Projects_Status_StartDate_Name_IsArchived",
                table: "Projects");

            migrationBuilder.CreateIndex(
                name: "IX_Projects_IsArchived_Name",
                table: "Projects",
                columns: new[] { "IsArchived", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_Status",
                table: "Projects",
                column: "Status");
        }
    }
}
