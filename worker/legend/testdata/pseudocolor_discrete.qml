<qgis version="3.22.0"><pipe><rasterrenderer type="singlebandpseudocolor" band="1" opacity="1" classificationMin="0" classificationMax="300"><rastershader><colorrampshader colorRampType="DISCRETE" clip="0" minimumValue="0" maximumValue="300">
 <item value="100" color="#2b83ba" alpha="255" label="Low"/>
 <item value="200" color="#ffffbf" alpha="255" label="Medium"/>
 <item value="inf" color="#d7191c" alpha="255" label="High"/>
 <rampLegendSettings useContinuousLegend="1" orientation="2" direction="0" minimumLabel="" maximumLabel="" prefix="" suffix=""/>
</colorrampshader></rastershader></rasterrenderer></pipe></qgis>
