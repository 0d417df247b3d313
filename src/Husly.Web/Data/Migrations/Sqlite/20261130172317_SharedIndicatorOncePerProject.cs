using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SharedIndicatorOncePerProject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Indicators_DefinitionId",
                table: "Indicators");

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_DefinitionId_ProjectId",
                table: "Indicators",
                columns: new[] { "DefinitionId", "ProjectId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Indicators_DefinitionId_ProjectId",
                table: "Indicators");

            migrationBuilder.CreateIndex(
                name: "IX_Indicators_DefinitionId",
                table: "Indicators",
                column: "DefinitionId");
        }
    }
}
