using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Husly.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CatalogueSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "SearchKey",
                table: "Solutions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Existing rows get their keys before the unique index is made (the key is used by SQLite's index only).
            migrationBuilder.Sql("""UPDATE "Solutions" SET "SearchKey" = floor(random() * 9000000000000000000)::bigint + 1;""");

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_Facets",
                table: "Solutions",
                columns: new[] { "State", "MunicipalityNumber", "OrganisationForm", "Category", "Phase" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_IdFacets",
                table: "Solutions",
                columns: new[] { "Id", "State", "MunicipalityNumber", "OrganisationForm", "Category", "Phase", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Solutions_SearchKey_Id",
                table: "Solutions",
                columns: new[] { "SearchKey", "Id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Solutions_Facets",
                table: "Solutions");

            migrationBuilder.DropIndex(
                name: "IX_Solutions_IdFacets",
                table: "Solutions");

            migrationBuilder.DropIndex(
                name: "IX_Solutions_SearchKey_Id",
                table: "Solutions");

            migrationBuilder.DropColumn(
                name: "SearchKey",
                table: "Solutions");
        }
    }
}
