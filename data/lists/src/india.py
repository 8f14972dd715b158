from mk import write
write("india_politicians.tsv", """
Indian national and state politicians, officials and public figures who appear in news.
Role = the best-known office (years where known). Parent = the state for state politicians.
Source: written by the khabar team from general knowledge, as of 2022-2026; public facts.
""", """
;person;;Narendra Modi;नरेंद्र मोदी;Modi|PM Modi|Narendra Damodardas Modi;मोदी|नरेन्द्र मोदी|पीएम मोदी|प्रधानमंत्री मोदी;India;Prime Minister of India
;person;;Droupadi Murmu;द्रौपदी मुर्मू;Draupadi Murmu|Murmu;मुर्मू|द्रौपदी मुर्मु;India;President of India (2022-)
;person;;Ram Nath Kovind;रामनाथ कोविंद;Kovind;कोविंद|राम नाथ कोविंद;India;President of India (2017-2022)
;person;;Jagdeep Dhankhar;जगदीप धनखड़;Dhankhar;धनखड़|जगदीप धनखड;India;Vice President of India (2022-2025)
;person;;C. P. Radhakrishnan;सी. पी. राधाकृष्णन;CP Radhakrishnan;सीपी राधाकृष्णन|सी पी राधाकृष्णन;India;Vice President of India (2025-)
;person;;Venkaiah Naidu;वेंकैया नायडू;M. Venkaiah Naidu;एम वेंकैया नायडू;India;Vice President of India (2017-2022)
;person;;Amit Shah;अमित शाह;;;India;Home Minister of India
;person;;Rajnath Singh;राजनाथ सिंह;;;India;Defence Minister of India
;person;;S. Jaishankar;एस जयशंकर;Subrahmanyam Jaishankar|Jaishankar|S Jaishankar;जयशंकर|एस. जयशंकर|सुब्रह्मण्यम जयशंकर;India;External Affairs Minister of India
;person;;Nirmala Sitharaman;निर्मला सीतारमण;Sitharaman;सीतारमण|निर्मला सीतारमन;India;Finance Minister of India
;person;;Nitin Gadkari;नितिन गडकरी;Gadkari;गडकरी;India;Minister of Road Transport and Highways of India
;person;;Piyush Goyal;पीयूष गोयल;;पियूष गोयल;India;Commerce and Industry Minister of India
;person;;Ashwini Vaishnaw;अश्विनी वैष्णव;;;India;Railways and Information Technology Minister of India
;person;;J. P. Nadda;जेपी नड्डा;Jagat Prakash Nadda|JP Nadda|Nadda;नड्डा|जे पी नड्डा|जगत प्रकाश नड्डा;India;BJP president (2020-), Health Minister of India (2024-)
;person;;Shivraj Singh Chouhan;शिवराज सिंह चौहान;Shivraj Chouhan;शिवराज सिंह|शिवराज;India;Agriculture Minister of India (2024-), Chief Minister of Madhya Pradesh (2005-2023)
;person;;Dharmendra Pradhan;धर्मेंद्र प्रधान;;धर्मेन्द्र प्रधान;India;Education Minister of India
;person;;Hardeep Singh Puri;हरदीप सिंह पुरी;Hardeep Puri;हरदीप पुरी;India;Petroleum Minister of India
;person;;Jyotiraditya Scindia;ज्योतिरादित्य सिंधिया;Scindia;सिंधिया;India;Communications Minister of India
;person;;Mansukh Mandaviya;मनसुख मांडविया;;मनसुख मंडाविया;India;Labour and Sports Minister of India (2024-), Health Minister (2021-2024)
;person;;Kiren Rijiju;किरेन रिजिजू;Rijiju;रिजिजू;India;Parliamentary Affairs Minister of India
;person;;Arjun Ram Meghwal;अर्जुन राम मेघवाल;Meghwal;मेघवाल;India;Law Minister of India (2023-)
;person;;Smriti Irani;स्मृति ईरानी;;स्मृति इरानी;India;Union Minister of India (2014-2024)
;person;;Anurag Thakur;अनुराग ठाकुर;;;India;Union Minister of India (2019-2024)
;person;;Ajit Doval;अजित डोभाल;Doval;डोभाल|अजीत डोभाल;India;National Security Advisor of India
;person;;Om Birla;ओम बिरला;;;India;Speaker of the Lok Sabha
;person;;Rahul Gandhi;राहुल गांधी;;राहुल गाँधी;India;Leader of the Opposition in the Lok Sabha (2024-), Congress leader
;person;;Sonia Gandhi;सोनिया गांधी;;सोनिया गाँधी;India;Congress leader, Congress president (1998-2017, 2019-2022)
;person;;Priyanka Gandhi Vadra;प्रियंका गांधी वाड्रा;Priyanka Gandhi;प्रियंका गांधी|प्रियंका;India;Congress leader
;person;;Mallikarjun Kharge;मल्लिकार्जुन खड़गे;Kharge;खड़गे|मल्लिकार्जुन खरगे|खरगे;India;Congress president (2022-)
;person;;Shashi Tharoor;शशि थरूर;Tharoor;थरूर;India;Congress MP
;person;;Jairam Ramesh;जयराम रमेश;;;India;Congress general secretary
;person;;K. C. Venugopal;केसी वेणुगोपाल;KC Venugopal;के सी वेणुगोपाल;India;Congress general secretary
;person;;Manmohan Singh;मनमोहन सिंह;;;India;Prime Minister of India (2004-2014, died 2024)
;person;;Atal Bihari Vajpayee;अटल बिहारी वाजपेयी;Vajpayee;वाजपेयी|अटल जी;India;Prime Minister of India (1998-2004, died 2018)
;person;;L. K. Advani;लालकृष्ण आडवाणी;Lal Krishna Advani|Advani;आडवाणी|लाल कृष्ण आडवाणी;India;Deputy Prime Minister of India (2002-2004)
;person;;Jawaharlal Nehru;जवाहरलाल नेहरू;Nehru|Pandit Nehru;नेहरू|पंडित नेहरू;India;First Prime Minister of India
;person;;Indira Gandhi;इंदिरा गांधी;;इन्दिरा गांधी;India;Prime Minister of India (1966-1977, 1980-1984)
;person;;Rajiv Gandhi;राजीव गांधी;;;India;Prime Minister of India (1984-1989)
;person;;Mahatma Gandhi;महात्मा गांधी;Mohandas Karamchand Gandhi|Gandhi|Bapu;गांधी जी|गांधीजी|बापू|मोहनदास करमचंद गांधी|महात्मा गाँधी;India;Leader of the Indian independence movement
;person;;Vallabhbhai Patel;सरदार वल्लभभाई पटेल;Sardar Patel;सरदार पटेल|वल्लभभाई पटेल;India;First Deputy Prime Minister of India
;person;;B. R. Ambedkar;भीमराव आंबेडकर;Bhimrao Ambedkar|Ambedkar|Babasaheb Ambedkar;आंबेडकर|अंबेडकर|बाबासाहेब आंबेडकर|डॉ. आंबेडकर|भीमराव अंबेडकर;India;Chief architect of the Constitution of India
;person;;Subhas Chandra Bose;सुभाष चंद्र बोस;Netaji;नेताजी|नेताजी सुभाष चंद्र बोस;India;Leader of the Indian independence movement
;person;;Pranab Mukherjee;प्रणब मुखर्जी;;;India;President of India (2012-2017, died 2020)
;person;;A. P. J. Abdul Kalam;एपीजे अब्दुल कलाम;Abdul Kalam|APJ Abdul Kalam;अब्दुल कलाम|ए पी जे अब्दुल कलाम;India;President of India (2002-2007, died 2015)
;person;;Mohan Bhagwat;मोहन भागवत;Bhagwat;भागवत;India;Sarsanghchalak of the RSS
;person;;Yogi Adityanath;योगी आदित्यनाथ;Adityanath;योगी जी|आदित्यनाथ;India;Chief Minister of Uttar Pradesh (2017-);Uttar Pradesh
;person;;Akhilesh Yadav;अखिलेश यादव;Akhilesh;अखिलेश;India;Samajwadi Party president, Chief Minister of Uttar Pradesh (2012-2017);Uttar Pradesh
;person;;Mulayam Singh Yadav;मुलायम सिंह यादव;Mulayam;मुलायम;India;Samajwadi Party founder (died 2022);Uttar Pradesh
;person;;Mayawati;मायावती;;;India;Bahujan Samaj Party president, Chief Minister of Uttar Pradesh (four terms);Uttar Pradesh
;person;;Mamata Banerjee;ममता बनर्जी;Mamata;ममता;India;Chief Minister of West Bengal (2011-);West Bengal
;person;;Abhishek Banerjee;अभिषेक बनर्जी;;;India;Trinamool Congress general secretary;West Bengal
;person;;Suvendu Adhikari;शुभेंदु अधिकारी;;सुवेंदु अधिकारी;India;Leader of the Opposition in West Bengal;West Bengal
;person;;Nitish Kumar;नीतीश कुमार;Nitish;नीतीश|नितीश कुमार;India;Chief Minister of Bihar;Bihar
;person;;Tejashwi Yadav;तेजस्वी यादव;Tejashwi;तेजस्वी;India;RJD leader, Deputy Chief Minister of Bihar (2022-2024);Bihar
;person;;Lalu Prasad Yadav;लालू प्रसाद यादव;Lalu Prasad|Lalu Yadav;लालू यादव|लालू प्रसाद|लालू;India;RJD president, Chief Minister of Bihar (1990-1997);Bihar
;person;;Chirag Paswan;चिराग पासवान;;;India;Food Processing Industries Minister of India (2024-), LJP (Ram Vilas) leader;Bihar
;person;;Prashant Kishor;प्रशांत किशोर;;;India;Jan Suraaj founder, political strategist;Bihar
;person;;Arvind Kejriwal;अरविंद केजरीवाल;Kejriwal;केजरीवाल|अरविन्द केजरीवाल;India;AAP national convenor, Chief Minister of Delhi (2015-2024);Delhi
;person;;Atishi;आतिशी;Atishi Marlena;आतिशी मार्लेना;India;Chief Minister of Delhi (2024-2025);Delhi
;person;;Rekha Gupta;रेखा गुप्ता;;;India;Chief Minister of Delhi (2025-);Delhi
;person;;Manish Sisodia;मनीष सिसोदिया;Sisodia;सिसोदिया;India;Deputy Chief Minister of Delhi (2015-2023);Delhi
;person;;Bhagwant Mann;भगवंत मान;;भगवंत सिंह मान;India;Chief Minister of Punjab (2022-);Punjab
;person;;Amarinder Singh;अमरिंदर सिंह;Captain Amarinder Singh;कैप्टन अमरिंदर सिंह;India;Chief Minister of Punjab (2017-2021);Punjab
;person;;M. K. Stalin;एमके स्टालिन;MK Stalin|Stalin;स्टालिन|एम के स्टालिन|एम.के. स्टालिन;India;Chief Minister of Tamil Nadu (2021-);Tamil Nadu
;person;;Udhayanidhi Stalin;उदयनिधि स्टालिन;;;India;Deputy Chief Minister of Tamil Nadu;Tamil Nadu
;person;;Edappadi K. Palaniswami;एडप्पादी के पलानीस्वामी;EPS|Edappadi Palaniswami;पलानीस्वामी|ई पलानीस्वामी;India;AIADMK general secretary;Tamil Nadu
;person;;J. Jayalalithaa;जे जयललिता;Jayalalithaa;जयललिता;India;Chief Minister of Tamil Nadu (died 2016);Tamil Nadu
;person;;Pinarayi Vijayan;पिनराई विजयन;;पिनाराई विजयन;India;Chief Minister of Kerala (2016-);Kerala
;person;;Siddaramaiah;सिद्धारमैया;;सिद्दारमैया;India;Chief Minister of Karnataka (2023-);Karnataka
;person;;D. K. Shivakumar;डीके शिवकुमार;DK Shivakumar;डी के शिवकुमार|शिवकुमार;India;Deputy Chief Minister of Karnataka (2023-);Karnataka
;person;;B. S. Yediyurappa;बीएस येदियुरप्पा;Yediyurappa;येदियुरप्पा;India;Chief Minister of Karnataka (several terms);Karnataka
;person;;Basavaraj Bommai;बसवराज बोम्मई;;;India;Chief Minister of Karnataka (2021-2023);Karnataka
;person;;Revanth Reddy;रेवंत रेड्डी;A. Revanth Reddy;ए रेवंत रेड्डी;India;Chief Minister of Telangana (2023-);Telangana
;person;;K. Chandrashekar Rao;के चंद्रशेखर राव;KCR|K Chandrasekhar Rao;केसीआर|के. चंद्रशेखर राव;India;Chief Minister of Telangana (2014-2023);Telangana
;person;;N. Chandrababu Naidu;एन चंद्रबाबू नायडू;Chandrababu Naidu;चंद्रबाबू नायडू|नायडू;India;Chief Minister of Andhra Pradesh (2024-);Andhra Pradesh
;person;;Pawan Kalyan;पवन कल्याण;;;India;Deputy Chief Minister of Andhra Pradesh (2024-);Andhra Pradesh
;person;;Y. S. Jagan Mohan Reddy;वाईएस जगन मोहन रेड्डी;Jagan Mohan Reddy|YS Jagan;जगन मोहन रेड्डी|जगन रेड्डी;India;Chief Minister of Andhra Pradesh (2019-2024);Andhra Pradesh
;person;;Devendra Fadnavis;देवेंद्र फडणवीस;Fadnavis;फडणवीस|देवेन्द्र फडणवीस|फडनवीस;India;Chief Minister of Maharashtra (2024-);Maharashtra
;person;;Eknath Shinde;एकनाथ शिंदे;Shinde;शिंदे;India;Deputy Chief Minister of Maharashtra (2024-), Chief Minister (2022-2024);Maharashtra
;person;;Uddhav Thackeray;उद्धव ठाकरे;Uddhav;उद्धव|उद्धव ठाकरे;India;Shiv Sena (UBT) chief, Chief Minister of Maharashtra (2019-2022);Maharashtra
;person;;Raj Thackeray;राज ठाकरे;;;India;MNS chief;Maharashtra
;person;;Sharad Pawar;शरद पवार;;;India;NCP (SP) president;Maharashtra
;person;;Ajit Pawar;अजित पवार;;अजीत पवार;India;Deputy Chief Minister of Maharashtra;Maharashtra
;person;;Supriya Sule;सुप्रिया सुले;;;India;NCP (SP) MP;Maharashtra
;person;;Bhupendra Patel;भूपेंद्र पटेल;;भूपेन्द्र पटेल;India;Chief Minister of Gujarat (2021-);Gujarat
;person;;Mohan Yadav;मोहन यादव;;;India;Chief Minister of Madhya Pradesh (2023-);Madhya Pradesh
;person;;Kamal Nath;कमलनाथ;;कमल नाथ;India;Chief Minister of Madhya Pradesh (2018-2020);Madhya Pradesh
;person;;Digvijaya Singh;दिग्विजय सिंह;;;India;Congress leader, Chief Minister of Madhya Pradesh (1993-2003);Madhya Pradesh
;person;;Bhajan Lal Sharma;भजनलाल शर्मा;;भजन लाल शर्मा;India;Chief Minister of Rajasthan (2023-);Rajasthan
;person;;Ashok Gehlot;अशोक गहलोत;Gehlot;गहलोत;India;Chief Minister of Rajasthan (2018-2023);Rajasthan
;person;;Sachin Pilot;सचिन पायलट;;;India;Congress leader;Rajasthan
;person;;Vasundhara Raje;वसुंधरा राजे;;वसुंधरा राजे सिंधिया;India;Chief Minister of Rajasthan (2003-2008, 2013-2018);Rajasthan
;person;;Vishnu Deo Sai;विष्णु देव साय;;विष्णुदेव साय;India;Chief Minister of Chhattisgarh (2023-);Chhattisgarh
;person;;Bhupesh Baghel;भूपेश बघेल;;;India;Chief Minister of Chhattisgarh (2018-2023);Chhattisgarh
;person;;Hemant Soren;हेमंत सोरेन;;;India;Chief Minister of Jharkhand;Jharkhand
;person;;Naveen Patnaik;नवीन पटनायक;;;India;Chief Minister of Odisha (2000-2024);Odisha
;person;;Mohan Charan Majhi;मोहन चरण माझी;;;India;Chief Minister of Odisha (2024-);Odisha
;person;;Himanta Biswa Sarma;हिमंत बिस्वा सरमा;Himanta Sarma;हिमंत बिस्व सरमा|हिमंत सरमा;India;Chief Minister of Assam (2021-);Assam
;person;;Pushkar Singh Dhami;पुष्कर सिंह धामी;Dhami;धामी;India;Chief Minister of Uttarakhand (2021-);Uttarakhand
;person;;Sukhvinder Singh Sukhu;सुखविंदर सिंह सुक्खू;;सुक्खू;India;Chief Minister of Himachal Pradesh (2022-);Himachal Pradesh
;person;;Nayab Singh Saini;नायब सिंह सैनी;;;India;Chief Minister of Haryana (2024-);Haryana
;person;;Manohar Lal Khattar;मनोहर लाल खट्टर;Khattar;खट्टर;India;Chief Minister of Haryana (2014-2024), Union Minister (2024-);Haryana
;person;;Omar Abdullah;उमर अब्दुल्ला;;;India;Chief Minister of Jammu and Kashmir (2024-);Jammu and Kashmir
;person;;Farooq Abdullah;फारूक अब्दुल्ला;;फ़ारूक़ अब्दुल्ला;India;National Conference president;Jammu and Kashmir
;person;;Mehbooba Mufti;महबूबा मुफ्ती;;महबूबा मुफ़्ती;India;PDP president;Jammu and Kashmir
;person;;Manoj Sinha;मनोज सिन्हा;;;India;Lieutenant Governor of Jammu and Kashmir;Jammu and Kashmir
;person;;Pramod Sawant;प्रमोद सावंत;;;India;Chief Minister of Goa (2019-);Goa
;person;;N. Biren Singh;एन बीरेन सिंह;Biren Singh;बीरेन सिंह;India;Chief Minister of Manipur (2017-2025);Manipur
;person;;Manik Saha;माणिक साहा;;माणिक साहा;India;Chief Minister of Tripura (2022-);Tripura
;person;;Conrad Sangma;कॉनराड संगमा;;कोनराड संगमा;India;Chief Minister of Meghalaya (2018-);Meghalaya
;person;;Pema Khandu;पेमा खांडू;;;India;Chief Minister of Arunachal Pradesh;Arunachal Pradesh
;person;;Asaduddin Owaisi;असदुद्दीन ओवैसी;Owaisi;ओवैसी;India;AIMIM president
;person;;Gyanesh Kumar;ज्ञानेश कुमार;;;India;Chief Election Commissioner of India (2025-)
;person;;Rajiv Kumar;राजीव कुमार;;;India;Chief Election Commissioner of India (2022-2025)
;person;;Shaktikanta Das;शक्तिकांत दास;;;India;Governor of the Reserve Bank of India (2018-2024)
;person;;Sanjay Malhotra;संजय मल्होत्रा;;;India;Governor of the Reserve Bank of India (2024-)
;person;;D. Y. Chandrachud;डी वाई चंद्रचूड़;DY Chandrachud;डीवाई चंद्रचूड़|चंद्रचूड़;India;Chief Justice of India (2022-2024)
;person;;Sanjiv Khanna;संजीव खन्ना;;;India;Chief Justice of India (2024-2025)
;person;;B. R. Gavai;बीआर गवई;BR Gavai;बी आर गवई;India;Chief Justice of India (2025)
;person;;Surya Kant;सूर्यकांत;;सूर्य कांत;India;Chief Justice of India (2025-)
;person;;Anil Chauhan;अनिल चौहान;General Anil Chauhan;जनरल अनिल चौहान;India;Chief of Defence Staff of India (2022-)
;person;;Upendra Dwivedi;उपेंद्र द्विवेदी;General Upendra Dwivedi;जनरल उपेंद्र द्विवेदी;India;Chief of the Army Staff of India (2024-)
;person;;Bipin Rawat;बिपिन रावत;General Bipin Rawat;जनरल बिपिन रावत;India;Chief of Defence Staff of India (died 2021)
;person;;Vikram Misri;विक्रम मिस्री;;;India;Foreign Secretary of India (2024-)
;person;;Arindam Bagchi;अरिंदम बागची;;;India;Spokesperson of the Ministry of External Affairs of India (2020-2024)
;person;;Randhir Jaiswal;रणधीर जायसवाल;;;India;Spokesperson of the Ministry of External Affairs of India (2024-)
;person;;Gautam Adani;गौतम अदाणी;Adani;अडानी|गौतम अडानी|अदाणी;India;Chairman of the Adani Group
;person;;Mukesh Ambani;मुकेश अंबानी;Ambani;अंबानी;India;Chairman of Reliance Industries
;person;;Ratan Tata;रतन टाटा;;;India;Chairman of Tata Sons (died 2024)
""")
