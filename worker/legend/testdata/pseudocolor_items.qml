<qgis version="3.22.0"><pipe><rasterrenderer type="singlebandpseudocolor" band="1" opacity="1" classificationMin="10" classificationMax="50"><rastershader><colorrampshader colorRampType="INTERPOLATED" clip="0" minimumValue="10" maximumValue="50">
 <item value="10" color="#000000" alpha="255" label="10"/>
 <item value="30" color="#ff0000" alpha="255" label="30"/>
 <item value="50" color="#ffffff" alpha="255" label="50"/>
 <rampLegendSettings useContinuousLegend="0" orientation="2" direction="0" minimumLabel="" maximumLabel="" prefix="" suffix=" m"/>
</colorrampshader></rastershader></rasterrenderer></pipe></qgis>
