/**
 * The real-project hunt: public QGIS projects exported by our exporter,
 * each drawn at four maps (full extent, ×4 and ×16 zoom at 96 dpi, full
 * extent at 144 dpi; 640 px wide) by QGIS 3.22 (`hunt_render.py`, the
 * oracle: never at run time or in CI) and by our worker; prints the
 * mismatched pixels of each map (pixelmatch, threshold 0.2, AA counted).
 *
 *     deno run -A tests/parity/real/hunt/hunt.ts [--keep DIR] <owner/repo@commit:project.qgs> …
 *
 * With `--keep DIR` the data, jobs and both renders stay in DIR; a project
 * already there is not exported and drawn by QGIS again (compare another
 * checkout against the same references).
 *
 * A project's folder (and its parent's, for data beside it such as
 * `../data`) is extracted from the snapshot under `/work/.mirror`. The job
 * layers are the project's checked file layers (OGR, GDAL, SpatiaLite) in
 * layer tree order, with the styles our exporter writes. Layers whose data
 * is not in the snapshot are left out (both sides). A project without a
 * CRS is asked for with an empty job CRS and its layers' extents as they
 * are, as QGIS draws it.
 *
 * The corpus of docs/rendering.md is every `.qgs`/`.qgz` of the snapshots
 * of qgis/QGIS-Training-Data, g3w-suite/g3w-admin, qgis/QGIS-Sample-Data
 * and opengisch/QField (`git ls-tree -r --name-only HEAD`), and since
 * session 9 the projects with file data (in the snapshot) of these
 * repositories, at these commits:
 *
 * - 3liz/py-qgis-server 8b2f7b08fe02298bcab5b23807f71838e79f17c9
 *   (tests/data, 7 projects)
 * - 3liz/qgis-lizmap-server-plugin fd2359e4ffebab0f315b526230a0994f8bdef4c4
 *   (tests/data, 12)
 * - 3liz/lizmap-web-client a6792ed67ee5eb3138762be6dfbe9d246da5e4ce
 *   (extra-modules/lizmapdemo and tests/qgis-projects/tests, 22)
 * - 3liz/lizmap-plugin be270c0553f7438c80dd770b94ca520fdb9b3d45
 *   (tests/data, 5)
 * - eugenemarenin/sochi-generalization
 *   793470e89847b62e24b3b50ac2e6e9b1d08eb123 (project.qgs)
 * - Kladaja/Geoinformatics cf3d0f8dbca3559d76388da683dbb1087faf41db
 *   (project.qgs)
 * - etaunknown/darling-river 406a86d806d5039730bdd42463f623564e7ea37e
 *   (project.qgz)
 * - huffpostdata/texas-votes-by-precinct
 *   2d4092330ef44cc188600497bffdedf1fe65216b (map.qgs)
 * - mattwigway/sb827-analysis 183db516870e15c7a6488ac0ff91282ff188e278
 *   (map.qgs)
 * - ingalls/openaddresses-coverage afe34444f614052c00cb0b371384126680e321d3
 *   (map.qgs)
 * - Chris9292/town-planning e375b3daa2c1318a2c15f416f900078474d21c48
 *   (project/xarths_xrhsewn.qgs)
 * - kavigupta/jet-lag-small-game-la 05af5a6654eea023ffb433740724f90526a14b0e
 *   (project.qgz)
 * - social-lorax/project_311 dc8ea758a96ec25fa388947807fbc3204dc4388f
 *   (map.qgs)
 *
 * and since session 14 (h-corpus) these, found by file name (`project.qgs`,
 * `map.qgz`, `data/map.qgz`, `qgis/map.qgz`…) among the indexed public
 * repositories, with their data in the snapshot:
 *
 * - maxencelaurent/mnt e6b8fd70103fcb4f6c9d01afe545fb04c5905882
 *   (project.qgs)
 * - schoolofcities/neighbourhood-income-toronto-2020
 *   ecd858edfad68807ac476c11e19d8c45513ca102 (map.qgz) and
 *   60637dd0250caf48a97abc43cb431a49578150df (data/2021.qgz)
 * - datadesk/deleon-district-election-results-analysis
 *   9aedea00cd13411ad7a5d7d962356151155060c0 (map.qgs)
 * - kersarikiller/bike-parking-zones
 *   49a49b4d15f4bb5580822e6f48e5c921add59942 (qgis/project.qgz)
 * - 2579825798/isometric-resort-map
 *   3e6d5f590a7aa12cad7232c822c0af1c22084204 (qgis/map.qgz)
 * - ilenapeng/nyc-languages 48c92a9a872bb1809306823516c0f2e5cfb13f02
 *   (qgis/map.qgz)
 * - conleykinkead/lexingtonMHI db4199a96560f582ad15fd9ecd6f7d113f2dfdd1
 *   (data/map.qgz)
 * - geocamp-es/2019 985bbf6cb699ac638ae4f18bc579b35c3ab430ba (data/map.qgz)
 * - HubashovD/project_saltivka 05598622e7f24c1b0a7191877d067936f0ecabc5
 *   (qgis/map.qgz, qgis/map2.qgz, qgis/map_to_three.qgz)
 * - benmatheson/priests 67df3f1e3437f2e1d72aed91e6ec00285337789d
 *   (data/map.qgz)
 * - mathieurudaz/eoliennes 5d98a22de6fd386ec6d87d1e6a7dba1f5802f921
 *   (qgis/map-light.qgs, qgis/map-dark.qgs, qgis/parcs.qgs,
 *   qgis/map_small.qgs)
 * - valdese-net/vlp a3aa64757528aea5310d309afd3a294885659494 (map.qgz)
 * - raulindo/Mapeamento_Geologico_2021
 *   7be00ad3619922789a6537fe160b2c7ef40658f0 (project.qgz)
 * - vadymnes/myrnohrad fc5fcd86d083dad672ee27a761e7a0ceb676e0d8
 *   (project.qgs)
 *
 * and since session 16 (h-corpus16) these, found by file name
 * (`example.qgs`, `data/project.qgz`, `gis/project.qgz`, `main.qgz`,
 * `qgis_project.qgz`, `projeto.qgz`, `projekt.qgz`…) among the indexed
 * public repositories, with their data in the snapshot:
 *
 * - XSAVI-780-Winter-2015/GIS-Examples
 *   5060b3a94dd8b50e2badb1f2c37e30d3c5c943c4 (example.qgs)
 * - calvinwijaya/petakontrakan 07769f5576f2ec298f022e332a25819a938e156c
 *   (data/project.qgz)
 * - captaincoordinates/BVNordic fd7dddea6c7ad4d79762ab23443892df48b8a53d
 *   (main.qgs, stadium.qgs)
 * - mathieurudaz/geocoding a25a8691f1f02b6983531c4f24b688898b725b53
 *   (D3_map.qgs)
 * - tracktools/case_study f14d14feea1246644dd89719a9fea1cefa7d6bf0
 *   (gis/project.qgz)
 * - apryet/sescousse 70759b2a707d1c3b7ea048910955eafa43a40c1c
 *   (gis/project.qgz)
 * - HeikkiVesanto/OSGEO-Ireland-QGIS-Workshop
 *   84c71f5388a7c93ba73ea7c4963828d4628f8c60 (OSGeo_IE_Workshop.qgs,
 *   Part_1_Complete.qgs)
 * - Afrizal09/PraktikumSIG 15b323ac0c3461552064888ea19bb88fa0d4a27a
 *   (project/project.qgz, Praktikum 5/Praktikum 5.qgz)
 * - Alf-Anas/peta-isochrone-jalan-kaki-stasiun
 *   b6cbf4cd4fe8061529c565a669a9a6b187d4e330 (qgis_project.qgz)
 * - hsenot/pacbike 917d1f502dbcdd12c01fd064933fa2cd8f0681fb
 *   (data/project.qgs)
 * - waagsociety/ndw 06d48c3f400872ba4935cfa73b765890a0c1c720
 *   (hoofddorp/hoofddorp.qgs)
 * - ulmi/dadosabertos_2017 5162cc3e56ecd69e0c594e947e310d51c07e5aca
 *   (qgis_project.qgs)
 * - anpugliese/GISLab 55534434a874fa96944366b5f50569a31594bb29 (main.qgz)
 * - smdhc/mapas b86bd9a9c9ffe8684a86b7ca312bc0987a990299 (main.qgz)
 * - felipedantas-pi/mapeprof-accessibility-ubs
 *   583bbf0e9d42863d76fdee1a4a132106a285a785 (projeto.qgz)
 * - bczernecki/qgis_auto 84f049ea116d357583b18c7dd168b005a797e90b
 *   (projekt.qgs)
 * - yeabsiramoges/AllstonBrighton 595e5eb4bb2a03c43dfbb5e1ece52c728fee61cc
 *   (QGIS/qgis_project.qgz)
 * - filkuukie/borchowka b2785e330b19088b5c81ded53ee365e629b5b1da
 *   (projekt.qgz)
 *
 * and since session 17 (h-corpus17) these, found by file name (`projet.qgz`,
 * `proyecto.qgz`, `mapa.qgs`, `map.qgs`, `final.qgz`, `project1.qgz`,
 * `qgis.qgs`, `gis.qgz`, `qgis/qgis.qgz`, `test.qgs`, `data/project.qgs`,
 * `project/project.qgs`…) among
 * the indexed public repositories, with their data in the snapshot (a GDAL
 * raster that is a web service description, `<GDAL_WMS>`, is left out as a
 * web layer):
 *
 * - datagistips/carroyage_insee 76a602fa728ddc117fcf074edf24f07651d5ac4c
 *   (projet.qgz)
 * - datagistips/geo4TableSchema 0c313a62685e3b9cc3d2113d7731307e53f0d0d7
 *   (data/projet.qgz)
 * - fpsampayo/offroad-galicia-tracks
 *   f8fee436783c7f001ebc274eee87a34a288abd69 (proyecto.qgz)
 * - Rebazar98/qgis-informes 3b23e34a21900f7e354d4077b0dd212f276978d5
 *   (proyecto.qgz)
 * - Nestorbd/BIU ede06c79c0cc8218f0d89373083d0a16dda7b8d1 (mapa.qgz)
 * - dailyherald/flask_crashes 7d9dcfd6d552bb034cd5010d77f91f95633e8d6b
 *   (map.qgs)
 * - hackerspace-silesia/hackuj_slaski_transport
 *   f283bd2a690018d5398edd463c07f241525ab82a (mapa.qgs)
 * - maroxesen/mapotrans fdcb846604acfac9d86cdeef40fd27f1a4b0fc5c (mapa.qgs)
 * - ruz76/leaflet_samples fd97da89921684835c765925f419919b073983cc
 *   (mapa.qgs)
 * - erikfva/qgiscode 4f004cebdfa4df9168579ed9689e8ddd27045cd8 (mapa.qgs)
 * - mathewsjob/DEPWS 29df4d434ed35f2a93519dabe393a24c9e523478
 *   (wmzmaps.qgz)
 * - ominiverdi/workshop_gdal_satellite
 *   0be515d6c3c8b9bb161e0e4beb6a0d8108070698 (qgis/workshop.qgz)
 * - jeremyshantz/raremap 72ebc1a78bc2e2e61f473700e25bb8613834c868
 *   (rare.qgs)
 * - thithainganle/QGIS-PublicSchool-Enrollment-Mass2018
 *   c0bf2cd0195cf4ecad39ec976d89a634b19f38cb (final.qgz)
 * - AminGonCiny/GIS d7ad5a3cbf7a19fd67d19a52c6b0fd60ad54099c
 *   (Alaska/alaska.qgz)
 * - Muhandika/Praktikum6_SIG 262d81919fd7af61f4ec44522dcf47faabf63f76
 *   (project1.qgz)
 * - hmvuanem/VN_TapChiBDS 1b92fb053737882296e06bb88e5daee0417bc18a
 *   (project1.qgz)
 * - radekaadek/RS1 e08e2bacd7e8804e3baebbe926ae97db07cb6745
 *   (1/rsproject.qgz)
 * - MariaLuiseAmelia/latihan6 d79535ba21ac6fa2c14e23e67d1f0f4478ea91e9
 *   (qgis.qgs)
 * - alephcero/betterByBike 29ec6ac2d45dccf42975d507ee3912eb179159dc
 *   (basefinal.qgs)
 * - mirzahilmi/gis-codo 6ca9d2f17726276ef8944a1bafde8f60bf2b173b (gis.qgz)
 * - FelipeSBarros/GeoPosadas 44932d67b7855982a62580653975a1c1c961f853
 *   (Project.qgs)
 * - FarooqAbbas/GIS 75fbfa23274351ae4e5fe47c0b2b3931aa1f13cf
 *   (Feb_13_19/Feb_13_19.qgs)
 * - NathanW2/pyqgis-playground c1dba640edb56aa17a720f49e4ada3a1d03af7ac
 *   (composition/composer.qgs, data/project.qgs)
 * - kartoza/docker-mapproxy 27daea655ec41d7e1e1adfce46e6a97bec1f8a0f
 *   (qgis_projects/project.qgs, scenario_tests/multi_proxy/data/world.qgz)
 * - kartoza/docker-qgis-server c588a61c53f726d38aa26326891b24402d0caeb0
 *   (project/project.qgs, project-qgis3/project.qgs)
 * - Claudio9701/proyecto-foodhub-lima
 *   9cf7e5526627b194fc3c893a0576f824c35c1681 (landuse.qgz)
 * - mossnisse/SlimeRecords faf50190e143f978de5d9133b97977c10723ce30
 *   (qgis/qgis.qgz)
 * - Ngaing12/atons da88d35af625742047a27fa673a5f7a17f1d716c (qgis.qgs)
 * - marcindus/VectorLayerToAsciTable
 *   25475db1371b38b598d35e3d14746016b8d1b4b0 (test.qgs)
 * - s160158/shp2xyz e2bbb734cdfe90c500554c13b2aea90fc803f1ae (test.qgs)
 * - horih/map 8392f9530f7863c6f49656d7af9fb212e36fb89f (qgis/project.qgz)
 * - xeophin/lede-data-and-databases a7d4ddded593eb5a2ef75350fe20f039d5482884
 *   (project/map.qgz)
 * - kovarmi9/PKAR_mobility_of_university_students
 *   7fba5062861eec5f06dec52e5effc86ef094826f (qgis/Project.qgz)
 * - jeremieboudreault/habitat_suitability_curves_fda
 *   11a0cda2a19466b1744d33296735cd49e615db74 (QGIS/project.qgs)
 * - covid19UNGS/Mobility 081f954cb1fa12017f5fa1649aca0fb89b095812
 *   (map/map.qgz)
 * - oldrev/mapmatchingkit 2970e560d466a23921b40891624a96be4f7567fc
 *   (data/map.qgs)
 *
 * and since session 18 (h-corpus18) these, found by file name (`map.qgz`,
 * `Map.qgz`, `project.qgz`, `Project.qgz`, `project.qgs`, `qgis.qgz`,
 * `QGIS.qgz`, `test.qgz`…) among the indexed public repositories, with
 * their data in the snapshot (at each snapshot's HEAD):
 *
 * - CHawley14/SARAssetAnalysis 62f3753e86c0537ea42a0ea114a677115da2fa92
 *   (map.qgz)
 * - aiddata/MCC_Lesotho 343c48880fe96078d36e0f1d957d8402edd9ebe2
 *   (project.qgz)
 * - ezdanapak/hbdm 42346c8d3a97da75de55acb739a3a233093b8e0c
 *   (GIS/project.qgz)
 * - soarwing52/NCHU_Climate 3d3437a46b33dac85f1273c4fc19fa0983a88821
 *   (project.qgz)
 * - AnushreeGoyal3/Sustainable-Mobility-Case-
 *   28db2cd6fba3331ff9e7f28546d988ab9f0966c0 (map.qgz)
 * - HubashovD/project_mariupol_chronicles
 *   1f213a2bcb8eb4bb85c37782f16439a8f881233f (map.qgz)
 * - YKANG599/map-matching-cycling 131f50717372dd4958bccc8df4ce93da447b97db
 *   (map.qgz, 10samples.qgz)
 * - andrespa02/zonasDePalmas 65250959457510a7e9495b62cfb6edc4a1135eb7
 *   (map.qgz)
 * - giovanafleck/Mundus 4a09e41786a0e3a2a3101b360394a9d24b862247 (map.qgz)
 * - maiuchi/10-16-20_data_final 0ca9059504a3a3c260e1be7337609abf49fc8813
 *   (map/demo1.qgz)
 * - naru6417/crimeInToronto a5d4efeefa041423b7b66b61522c3fc6df6ec133
 *   (map.qgz)
 * - ncss-tech/DSS_coweeta a7b23108a0d6f631d26b10e1ecb947be1847deff
 *   (map.qgz)
 * - phonggia2009/sondong-story-map ac6e656ae2e71d0419318f84df8110e8d151a9f5
 *   (map.qgz)
 * - stikstof/LelystadAirport 890d07c53a5974937771c5c345c336c4ee36e765
 *   (map.qgz)
 * - JulioContrerasH/Things_of_SEN2NAIP
 *   e37501668a396b410fe149d0f26dfe100d419ff6 (map.qgz)
 * - langbein-daniel/qgis-gtfs-visualization
 *   9c5d4d3635b7123774ffddd31ddbb333bc0e0d6d (qgis.qgz)
 * - BEugeneSmith/coffeeMarket 6dc030be2845669396c013332448294428d48799
 *   (project.qgs)
 * - JJediny/bureau-of-american-ethnology-maps
 *   4da949f41ad671c98213a4f2a48280a443c9cba1 (project.qgs)
 * - Wheelspawn/waterwatch 794d784d08a311b18877b87f2f2e93d98e75d504
 *   (project.qgs)
 * - doctor-jerzy/Expedition 507e9bc1f06350baaea042f24f41aa77a352f416
 *   (project.qgs)
 * - kgjenkins/freeville-village-maps bda719bb565db4e56ccb9c694758e683159c58d0
 *   (test.qgz)
 * - gvellut/hiking_maps 74952555c22a4d1187ad7cc527b0478b80ce37d5 (age.qgz,
 *   arve.qgz, ann_alb.qgz)
 * - baileybrody/Hospital_Locations_And_Accident_Outcomes
 *   54ec1c61b2d6a1b4a76d8732d11feb4b70e77aac (Centroid to Hospital.qgz,
 *   Project.qgz)
 * - niallgclancy/persistence fdc4a1834622fecca067b0ed4c2f86cbe21943d3
 *   (Map.qgz)
 * - raudadhoba/qGIS ceeaaa042a3c68f15543bf4761e6eed50c381735
 *   (GIS/Practicals/Practical_03/A/Making_A_Map.qgz,
 *   GIS/Practicals/Practical_02/A/Adding_raster_layers.qgz,
 *   GIS/Practicals/Practical_01/D/calculating_line_lengths_and_statistics.qgz)
 * - wenhaowuuu/site_susceptibility 98f812b25420433922f01d507b9a6514960e1552
 *   (QGIS.qgz)
 * - kumar306Ankit/QGIS b8876a22a44ba4ce893a9dded12245c84fe58e06
 *   (Project.qgz)
 * - zwubhi/QGIS- b0c186fe9db518396023824fade4f49e29065ca8 (Project.qgz)
 * - BieniekAlexander/350-chicago-analysis
 *   68e535043cb6619f88cc865810db3175ee10f52e (congress-102.qgs)
 *
 * and since session 19 (h-corpus19) these, found by file name (`maps.qgz`,
 * `demo.qgz`, `qgis/map.qgs`, `map1.qgz`, `maps.qgs`, `main.qgs`,
 * `gis/project.qgs`, `tests/data/project.qgs`, `qgis/qgis.qgz`,
 * `data/qgis.qgz`, `map/map.qgs`, `qgis/maps.qgz`, `QGIS/project.qgz`…) and
 * by repository name (`qgis-workshop`, `qgis-map`, `qgis_map`,
 * `intro-to-qgis`…) among the indexed public repositories, with their data
 * in the snapshot:
 *
 * - signedav/dinosaur-hunt 9f395764300c52c4dd8d132a2fa6752999ed03d0
 *   (dinosaur-hunt/maps.qgz)
 * - ncss-tech/smr-eval a408130575c97c1281b2ef5fcf5359b16e89bf83 (maps.qgz)
 * - arubrno/qgis-workshop e4133f12a665081549f2f405be9036ac25aa0357
 *   (Part 2/QGIS projekt/skoleni_ARUB.qgz)
 * - ect123/intro-to-qgis-workshop 6f8e4fc8bc017b6dba002ee16ddd65e649bdea81
 *   (vanTreeMap.qgz)
 * - MohanadDiab/GIS-Project d5fdebb1b4d7506b32f9011a6e0e7c17f3bf5dbf
 *   (QGIS/project2.qgz)
 * - SanjeevBashyal/Project074 c2733df3dc176df9ea73964de53f1835ecebb95f
 *   (Alignment4/Alignment Trial/Phase 3/p3_140.qgz,
 *   Alignment5/Work/8_Layers_align_5_detail.qgz, Alignment3/merged Road
 *   colored.qgz, Alignment2/Phase 4/8_Layers.qgz)
 * - dnawrocki256/europe-temp-map 81956a11ebae19adc29bfee67b0fb0ca5dd3b222
 *   (locations project.qgz)
 * - Smithy876/unit-3 ef1ca5af72415488c9b7675acef8617b7440903f
 *   (data/data.qgz)
 * - cghoehne/transport-uhi-phx d16fb6c5f44740c5e77a26897b762d70d23c8dc9
 *   (QGIS/ASTER-fig.qgs, QGIS/final-maps.qgs)
 * - OpenOil-UG/mining-map 1f68b5b9728e2d158bdaa29c387d4777ac30e535
 *   (gis/usgs_vs_osm.qgs)
 * - doctor-jerzy/pop_model_Muradyan 04e6bf6263c97ee928211d1a5853c83052fa2710
 *   (gis/project.qgs)
 * - 3liz/qgis-atlasprint 656074425f38c46fcffc59eefeea1929c36af31a
 *   (tests/data/atlas_simple.qgs, tests/data/no_atlas.qgs)
 * - TIGER-NET/WOIS_processing e9329bcc1f9b8b5d299a82dd2f212f514dbfc16d
 *   (tests/data/project.qgs)
 * - elpaso/qgis-atlas-export-function
 *   b2dd63d007af38a11d24ae15e85d8e2821a8b425 (tests/data/project.qgs)
 * - qgis/pyqgis_wrappers 58731eaf3cb97917f62e6f05b32ea00f78334c56
 *   (tests/data/project.qgs)
 * - OSLL/swarm-robotics 5450f3776f2899004604b1957f83d1d5b1a88fed
 *   (map/map.qgs)
 * - ntu-dasl-sg/frontiers2021-PLS 5f25d9da6b2a02dc6e9c73d7c653de6277fa1940
 *   (qgis/maps.qgz)
 * - pcorner10/prep_2023 44ef8e174e02f4502399ba7ab2179096205c068e
 *   (qgis/qgis.qgz, qgis/zonalstatistics.qgz)
 * - flliu315/tutorial_2026 a0d35890ebeab608256dbace021780bd9a25d186
 *   (data/qgis.qgz)
 * - jacgeborys/qgis-maps c763fe57976ad72e8fc2e9ccfbe760fdae7db24f
 *   (Mapa_OSM.qgz)
 * - Woodsandfields/QGIS_maps 2efcccd91b30b9de7076296270fd01cc9f52a804
 *   (COUNTRY_AIRPORTS/Point-in-polygon_Airport_Analysis.qgz,
 *   GEOCODING_AUSTIN/Austin_Public_Health_Services.qgz,
 *   HOSPITALS/US_hospitals.qgz, MAPS_SIMPLIFIED/SimplifyingMap.qgz,
 *   SAN_MARINO/sanMarinoMap.qgz, THEFIRSTMAP/FirstMap_QGZ_and_Layers/
 *   THEFIRSTMAP/first world map.qgz)
 * - StanfordGeospatialCenter/Intro-to-QGIS
 *   737074465a682fd3c72e9e44430edc7befaa6e6b (Test Data/test.qgs)
 *
 * and since session 20 (h-corpus20) these, found by file name
 * (`qgisproject/project.qgz`, `analysis.qgz`, `plan.qgz`, `gis.qgs`,
 * `GeospatialProject/qgis.qgs`, `data/project.qgz`…) and by repository name (`qgis_project`,
 * `qgis-project`…) among the indexed public repositories, with their data
 * in the snapshot, and a copy of QGIS's own tests/testdata
 * (Lighter01/qgis_project):
 *
 * - nurulhudan2014/geospatialgroup6 16e6c43c6dd40104fa9ca91558c7e767a8f122e0
 *   (GeospatialProject/qgis.qgs)
 * - ahmethakankuru/QGIS-project c926e57e6fb8c84cbaf7d10c7363eb8a03aed581
 *   (qgisproject/project.qgz)
 * - athila-afk/pgweb-acara5 1cb7db0b3429134650d18218261ae1d1aa83086b
 *   (qgis/project.qgz)
 * - MKrouma/masjid-api 2769b9349a3bdde861f7b8a1efc1221769147e1b
 *   (analysis.qgz)
 * - edieraristizabal/PAPER_RainfallLandslides_Vdea
 *   b363a58ddfe38d1a361b89c3a055e338e125c656 (project.qgz)
 * - LifeRide-Saint-Medard/maps da6ac0e50ea4a903b8e88e7259d0ce36115ed8de
 *   (plan.qgz)
 * - CIDCO-dev/PecheFantome f2cbd19290403fe0cef334609a19d2708eda27f1
 *   (gis.qgs)
 * - jsolisu/qgis d8cdc368f6c6a5d13d29a360cf1785a751e79eda (data/project.qgz)
 * - matiasbasile/utngis 03071fb3d5498eb1a53ea043073bb2f5052f4ec1
 *   (data/project.qgz)
 * - 3DGISKing/QGISEditTools c88fb7edb09272500b3993310b98227bfcc46ccf
 *   (data/project-issue3.qgz)
 * - Lighter01/qgis_project 8fc8f6c1a7f83d9e795919a83251d04007f795e8
 *   (tests/testdata/: kbs.qgs, embedded_groups/project1.qgs,
 *   layout_atlas_table.qgs, joins.qgs, selective_masking.qgs,
 *   qgis_server_project/project.qgs, layouts/sample_project.qgs,
 *   projects/good_layers_test.qgs, qgis_server/test_opacity_project.qgs,
 *   qgis_server/test_project_scaledsymbols.qgs,
 *   qgis_server/wms_tile_buffer.qgs, qgis_server/test_raster_nodata.qgz,
 *   qgis_server/test_project_values.qgz,
 *   qgis_server/test_project_epsg3857.qgs,
 *   project_translation/points_translation.qgs, quickapp_project.qgs,
 *   xyztiles.qgs)
 *
 * and since session 20 (h-corpus20r), raster projects: found by raster file
 * name (`dem.tif`, `data/dem.tif`, `hillshade.tif`, `DEM.tif`, `dtm.tif`,
 * `dem.qgz`, `hillshade.qgz`…) among the indexed public repositories, then a
 * project beside it, with their rasters in the snapshot:
 *
 * - firetools/qgis2fds 57c12fd02575b000fafaf031892dfc5b036d3e56
 *   (verification/cern_meyrin/cern_meyrin.qgs,
 *   verification/golden_gate_extent/golden_gate_extent.qgs),
 *   336c0c1bc7bb60902cd6af5d28a71413e4c387b2
 *   (verification/tests/golden_gate_local/QGIS/golden_gate_local.qgs,
 *   verification/tests/cern_meyrin/QGIS/cern_meyrin_local.qgs) and
 *   53bc0ec96e50503ed48d5ff17f117cb010801744
 *   (verification/tests/test_cern_meyrin/cern_meyrin.qgs)
 * - noaa-ocs-hydrography/qgis-raster-attribute-table-plugin
 *   b952dbf6acffde8c98f324e69d1e5d630995551b (tests/rat_test.qgs)
 *
 * and since session 20 (h-corpus20b), projects published by QGIS Server:
 * the demo, test and instance projects of QGIS Server, lizmap, GBD WebSuite
 * and QGIS Server plugin repositories (most with WMS capabilities set),
 * found by repository name (`qgis-server`, `lizmap`, `qwc`, `geoportal`…)
 * among the indexed public repositories, with their data in the snapshot:
 *
 * - GispoCoding/qgis-server-example cd482a76c9211704a3ff01cd9da6387c3181c0fd
 *   (data/example_project/example_project.qgs)
 * - 3liz/qgis-server-tiles-plugin 98f69e4e8660f3ea2fd40909ccdfdcfb163ba33c
 *   (tests/data/france_parts.qgs, tests/data/france_parts_grid_4326.qgs)
 * - elpaso/qgis-server-landing-page-plugin
 *   34ff606e8390e204da754b0687fa139edc106d0b
 *   (plugins/landingpage/tests/projects/Project1.qgs, Project2.qgz and
 *   test_project_wms_grouped_nested_layers.qgs,
 *   plugins/landingpage/tests/projects2/project3.qgz)
 * - gbd-consult/gbd-websuite e33ba8c8881d64eb141fa0b22a3f38610ee8a69e
 *   (demos/poi_geojson.qgs, demos/poi_geojson_dynamic_legend.qgs,
 *   demos/scales.qgs)
 * - vincjo/qgis-server-api 9950643486c178eb82e5d547c9a75d5ccd3a1166
 *   (tests/core/templates/test-qgs.qgs, tests/core/templates/testing.qgs)
 * - 3liz/qgis-wfsOutputExtension 8d4c6269c155b0e58d2a3e8d6918abca44a44da8
 *   (tests/data/lines.qgs)
 * - 3liz/lizmap-docker-compose bc20ca00aadf66b4bee9e6760cb9efebbb1b1d50
 *   (lizmap.dir/instances/test_france_parts/france_parts.qgs)
 * - 3liz/lizmap-web-client-demo 8c4a468e8594e9db2004e5d3b3f8f9d720e35bd7
 *   (projects/NAME/NAME.qgs for cats, flatgeobuf, lampadaires, land_use,
 *   multi_atlas, snapping and time_manager_earthquake)
 * - opengisch/lizmap-tool-demo 7714310f837bd74743308693e643819f0d2b7f93
 *   (projects/demo.qgs)
 * - NaturalGIS/qgis_server_and_lizmap_on_windows
 *   f94106783908bc558834050f918b14daf48763f7
 *   (webserver/lm_repos/demos_lizmap/montpellier.qgs,
 *   webserver/www/lizmap/lizmap/install/qgis_intranet/montpellier_intranet.qgs)
 * - 3liz/lizmap-mapbuilder-module 0e09246856f4c70fb42d20f3271529538f7979a8
 *   (tests/lizmap/instances/airportsTest/Paris.qgs)
 *
 * and since session 21 (h-corpus21), found by file name (`mapping.qgz`,
 * `world.qgs`, `demo.qgs`, `layers.qgz`, `carte.qgz`…), by the test data of
 * QGIS plugins and apps (`qgis2web`, `inasafe`, `libqfieldsync`, Mergin
 * Maps) and a cartographer's 30DayMapChallenge, with their data in the
 * snapshot:
 *
 * - eltmarin/FEMA_EMarin cf610c51c7d548f8535baffc5c03592bead46415
 *   (mapping.qgz)
 * - inasafe/inasafe 677c0421a885e498ecda7584a8c980f532b820c0
 *   (safe/test/data/gisv4/project.qgs, safe/test/data/projects/:
 *   geopackage_vec_ras.qgs, geopackage_vec.qgs, load_standard_layers.qgs,
 *   issue_2553.qgs)
 * - qgis2web/qgis2web 8f0e6a33057466a8ec51928dd8f798370cbd895a
 *   (test_data/project_for_export.qgs) and
 *   947575b428a3d1a988de6a5a3710c8d0ac0e4ed5
 *   (test_data/shp_point_categorized.qgs, test_data/shp_line_graduated.qgs)
 * - opengisch/libqfieldsync 0f081eb6c7bd98247259dedcbf83651eb20cddc6
 *   (tests/data/simple_project/project.qgs,
 *   tests/data/assets_project/project.qgs)
 * - MerginMaps/mobile 9ce25cbd32091d40693b93ca02c3f493d108f1a9
 *   (test/test_data/: project_value_relations/proj.qgz,
 *   project_relations/proj.qgz, filtering/test_feature_filtering.qgz)
 * - ThomasG77/30DayMapChallenge 4fb2bfd08c67fd92151e7b91132b795e95f0b7f7
 *   (day1_points/frequentation-voyageurs-sncf.qgz,
 *   day2_lines/transports-nantes.qgz,
 *   day4_hexagons/commerces-pays-de-la-loire.qgz,
 *   day12_movement/train-speed-limits.qgz,
 *   day13_tracks/formula1-circuits.qgz, day14_boundaries/berlin-wall.qgz,
 *   day15_names/french-streets-with-name-thomas.qgz,
 *   day16_places/vergers_2015_france.qgz)
 * - anitagraser/TimeManager 5ad1058ae9b8dc3fd8ef07de1fa66d5fbab0b304
 *   (testdata/tweets.qgs)
 *
 * and since session 22 (h-huntmaps), found by file name
 * (`tests/data/test_project.qgs`, `test/data/test.qgs`,
 * `tests/data/project.qgz`, `test/test.qgs`…) and by repository name
 * (`qgis-server-`, `foss4g`, `qgis2threejs`, `pyqgis`…), with their data in
 * the snapshot:
 *
 * - jncc/vsas-roam-app ffaa9d7c692cd59fc6eee6a132e0f05a76517bce
 *   (project.qgs)
 * - walkthru-earth/qgis-server 8b094f820292a65e67659ca7834af9daa12b5cef
 *   (tests/data/test_project.qgs, tests/data/test_project_wfs.qgs)
 * - JanCaha/qgis-plugin-bivariate-renderer
 *   fa6ced9ccbdb70bcc2866bd3136abce2629b275f (tests/data/project.qgz)
 * - faunalia/rt_mapserver_exporter 9ff43fec3abb1844e3d7aa5d92d7d870b13b47c9
 *   (test/data/test.qgs)
 * - nachouve/qgis-equicluster-plugin
 *   db73296251815cfdaa4ca7c1c056c8618af556ba (test/data/test.qgs)
 * - bird50/curent ed87395d22970e14c4cfdfdf36b0d41ed7e5b7fd (test/test.qgs)
 * - minorua/Qgis2threejs d83c3d857f9694e8c8158d916e29a9aa4f16ed0f
 *   (tests/data/testproject1/testproject1.qgs,
 *   tests/data/testproject2/testproject2.qgs)
 * - GispoCoding/pyqgis-advanced-workshop
 *   1cd9005e538eaf1ef4da970f5fffc2d6f5328b71 (test/data/test_project.qgs)
 * - chebizarro/foss4gna-python-qgis
 *   dd0d35a03f4bb581b9d36420fe04f98748045299 (ePop/qgis/popestimator.qgs)
 * - FOSS4GAcademy/GST101FOSS4GLabs ad441326c91c6d8721093988b04cd5cb2d5481be
 *   (Module 3 Lab/QGIS 2.8/Lab 3 Data/: Country View UTM.qgs, World View
 *   UTM.qgs, World View.qgs, Country View.qgs, Vermont.qgs; Module 4
 *   Lab/QGIS 2.8/Lab 4 Data/Lab 4 Solution.qgs, Module 5 Lab/QGIS 2.8/Lab 5
 *   Data/Lab 5 Solution.qgs, Module 6 Lab/QGIS 2.8/Lab 6 Data/Lab 6
 *   Solution.qgs, Module 7 Lab/QGIS 2.8/Lab 7 Data/Lab7_Solution.qgs)
 * - FOSS4GAcademy/GST102FOSS4GLabs f6a2e9d882e0e550fcef0152124c66dfa29f877c
 *   (Module 3 Lab/QGIS 2.8/Lab 3 Data/Tornado/Solution/Solution.qgs and
 *   Tornado/Tornado.qgs, Module 4 Lab/QGIS 2.8/Lab 4
 *   Data/Solution/Solution.qgs, Module 5 Lab/QGIS 2.8/Lab 5 Data/Solution/Lab
 *   5 Solution.qgs)
 * - FOSS4GAcademy/GST103FOSS4GLabs f7c7bbacebc7765d000eaad2c5f5aa0dc1d814a1
 *   (Module 6 Lab/QGIS 2.8/Lab 6 Data/Solution/Lab_6_Solution.qgs)
 *
 * and since session 22 (h-huntmaps2), found by file name (`data/map.qgz`,
 * `gis/project.qgz`, `data/project.qgs`, `qgis/project.qgs`,
 * `QGIS/QGIS.qgz`, `map/map.qgz`, `map1.qgz`, `data/qgis.qgs`,
 * `qgis/qgis_project.qgz`…) among the indexed public repositories, with
 * their data in the snapshot (86 repositories, 121 projects tried; the
 * others' data is absent, over 4 MiB or out of the repository):
 *
 * - GwennaelFrancois/World-Domination
 *   cbf8e5b6d00bf2e8a93de83aebeddb7972839556 (data/map.qgz)
 * - renegadeKB/Service-Availability ee099aee23370283b2a7fa9e5e5cb7f286c53f83
 *   (data/map.qgz)
 * - raphaelsulzer/LayerFeatureLabeler
 *   9d33db4c9a83375dbc3f59a6718f51d3ae2adbdc (data/project.qgs)
 * - tmontes/PyConPT2025 2ff5a39f3a279fb5380d06aa9e233a76b2f8f3d8
 *   (gis/project.qgz)
 * - ndkv/tourism-yes 95c96f6b5e0a321b5b8cc5f12d39b6c53e1d2620
 *   (data/qgis.qgs)
 * - tlohde/lake-terminating-glaciers b1f3ab4949162af176d5b9ed55ccc15153aeabdf
 *   (qgis/qgis_project.qgz)
 *
 * @module
 */
import { dirname, join } from "node:path";
import {
  type RenderJob,
  renderMap,
} from "../../../../worker/runners/render.ts";
import { renderDeps } from "../../../../worker/runners/render_deps.ts";
import { comparePng, referenceContext } from "../../parity.ts";
import { parseSpec, projectLayers } from "./_project.ts";

const HERE = dirname(new URL(import.meta.url).pathname);
const args = [...Deno.args];
let keep: string | null = null;
const k = args.indexOf("--keep");
if (k >= 0) {
  keep = args[k + 1];
  args.splice(k, 2);
}

/** Exports the project, has QGIS draw its maps; their names, or null. */
async function qgisMaps(
  spec: string,
  repo: string,
  commit: string,
  project: string,
  root: string,
): Promise<string[] | null> {
  const layers = await projectLayers(repo, commit, project, root);
  const stem = join(root, "hunt");
  Deno.writeTextFileSync(
    `${stem}.layers.json`,
    JSON.stringify({ layers, project: join(root, project) }),
  );
  const py = new Deno.Command("/usr/bin/python3", {
    args: [join(HERE, "hunt_render.py"), `${stem}.layers.json`, root],
    env: { QT_QPA_PLATFORM: "offscreen" },
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  if (!py.success) {
    console.log(
      `${spec}: QGIS failed: ${
        new TextDecoder().decode(py.stderr).slice(-400)
      }`,
    );
    return null;
  }
  const maps = JSON.parse(
    new TextDecoder().decode(py.stdout).trim().split("\n").at(-1)!,
  ) as string[];
  Deno.writeTextFileSync(join(root, "maps.json"), JSON.stringify(maps));
  return maps;
}

let total = 0, within = 0;
for (const spec of args) {
  const { repo, commit, project } = parseSpec(spec);
  // the repository in the name: two repositories' project.qgs apart
  const root = keep
    ? join(keep, `${repo}/${project}`.replaceAll("/", "_"))
    : Deno.makeTempDirSync({ prefix: "qsl-hunt-" });
  let maps: string[] | null = null;
  try {
    maps = JSON.parse(Deno.readTextFileSync(join(root, "maps.json")));
  } catch { /* not drawn yet */ }
  if (!maps) maps = await qgisMaps(spec, repo, commit, project, root);
  if (!maps) continue;
  const figures: string[] = [];
  for (const name of maps) {
    const env = JSON.parse(
      Deno.readTextFileSync(join(root, `${name}.job.json`)),
    );
    const expected = Deno.readFileSync(join(root, `${name}.qgis.png`));
    try {
      const out = await renderMap(
        env.job as RenderJob,
        referenceContext(root),
        renderDeps,
      );
      if (keep) {
        Deno.writeFileSync(
          join(root, `${name}.ours.png`),
          out.data as Uint8Array,
        );
      }
      const r = await comparePng(
        out.data as Uint8Array,
        expected,
        `hunt_${name}`,
        Infinity,
      );
      const pct = (100 * r.mismatched) / r.total;
      total++;
      if (pct <= 0.05) within++;
      figures.push(`${name} ${r.mismatched} (${pct.toFixed(3)} %)`);
    } catch (e) {
      total++;
      figures.push(`${name} failed: ${String(e).slice(0, 120)}`);
    }
  }
  console.log(`${repo}:${project}: ${figures.join("; ")}`);
  if (!keep) Deno.removeSync(root, { recursive: true });
}
console.log(`${within} of ${total} maps within 0.05 %`);
